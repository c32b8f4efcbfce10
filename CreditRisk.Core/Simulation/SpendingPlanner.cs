using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Simulation;

/// <summary>
/// Plans what one customer tries to spend each day (purchases, big tickets, bills, cash) from the profile, the calendar,
/// the noise episodes and the latent stress. The ledger decides afterwards what is authorised.
/// </summary>
internal sealed class SpendingPlanner(CustomerProfile profile, SimulationRandom random)
{
    private const double DaysPerMonth = 30.44;

    private int _tripEndDay = -1;
    private int _quietEndDay = -1;
    private double _quietFactor = 1;
    private int _activityMonth = -1;
    private double _logActivity;

    /// <summary>Adds the day's planned spending to <paramref name="today"/>; each event's order is its position in the list.</summary>
    public void PlanDay(int day, DateOnly date, decimal balance, List<PlannedEvent> today)
    {
        var stress = profile.Stress;
        var intensity = profile.StressIntensity(day);
        var distressed = profile.IsInDistress(day);
        var borrowing = stress?.Style != StressStyle.Cutback;
        var festival = SeasonalCalendar.IsFestivalSeason(date);
        var holidays = SeasonalCalendar.IsDecemberHolidays(date);
        // A card switcher keeps only a trickle of spending on this card (1 for everyone else).
        var cardShare = profile.CardShareOfSpend(day);

        // Noise episodes that look like stress in some signals but are not.
        if (day >= _tripEndDay && random.Chance(profile.TripsPerYear / 365 * (holidays ? 3 : 1) * (1 - intensity)))
        {
            _tripEndDay = day + random.NextInt(3, 9);
        }

        if (day >= _quietEndDay && random.Chance(profile.QuietSpellsPerYear / 365))
        {
            _quietEndDay = day + random.NextInt(10, 31);
            _quietFactor = random.Uniform(0.1, 0.4);
        }

        // Month-to-month swings in how much a perfectly healthy customer uses the card (AR(1) in log space).
        if (date.Month != _activityMonth)
        {
            _activityMonth = date.Month;
            _logActivity = 0.5 * _logActivity + 0.3 * random.Normal();
        }

        var travelling = day < _tripEndDay;
        var quiet = day < _quietEndDay;

        var stressMultiplier = distressed
            ? borrowing ? 1.0 : 0.2
            : borrowing ? 1 + 0.15 * intensity : 1 - 0.6 * intensity;
        // People slow down as the balance nears what they are comfortable owing; someone who has stopped paying does not.
        var utilisation = (double)(balance / profile.CreditLimit);
        var headroom = distressed ? 1 : Math.Clamp((profile.ComfortLevel(intensity) + 0.05 - utilisation) / 0.25, 0.25, 1);
        var rate = profile.PurchasesPerMonth / DaysPerMonth * SeasonalCalendar.PurchaseRate(date) * stressMultiplier * headroom
            * Math.Exp(_logActivity) * (quiet ? _quietFactor : 1) * (travelling ? 1.6 : 1) * cardShare;
        var purchases = random.Poisson(rate);
        for (var i = 0; i < purchases; i++)
        {
            PlanPurchase(today, festival, holidays, intensity, borrowing, travelling);
        }

        if (random.Chance(profile.BigTicketsPerYear / 365 * (festival ? 2.5 : 1) * (1 - intensity) * cardShare))
        {
            PlanBigTicket(balance, today);
        }

        var billsMoved = profile.Switch is { KeepsBills: false } change && day >= change.Day;
        foreach (var bill in billsMoved ? [] : profile.Bills)
        {
            if (date.Day == Math.Min(bill.DayOfMonth, DateTime.DaysInMonth(date.Year, date.Month)))
            {
                var amount = CardTerms.Money(Math.Max(49, bill.Amount * (1 + bill.Variation * random.Normal())));
                var second = IndiaTime.ToUtcSecond(random.NextInt(6 * 3600, 10 * 3600));
                today.Add(new PlannedEvent(second, today.Count, TransactionType.Purchase, amount, bill.Mcc,
                    MerchantCatalog.MerchantId(bill.Mcc, bill.MerchantIndex), MerchantCatalog.Ecommerce, 0));
            }
        }

        var cashStress = distressed
            ? borrowing ? 4.0 : 0.7
            : intensity * (borrowing ? 3.0 + 2.0 * profile.CashWithdrawalsPerMonth : 0.8);
        // A healthy cash user draws cash within their comfort level, as they spend; for everyone else cash is rare enough not to matter.
        var cashHeadroom = profile.Segment == BookSegment.CashUser ? headroom : 1;
        var cashRate = ((profile.CashWithdrawalsPerMonth + cashStress) / DaysPerMonth + (travelling ? 0.2 : 0)) * cardShare * cashHeadroom;
        var withdrawals = random.Poisson(cashRate);
        for (var i = 0; i < withdrawals; i++)
        {
            var size = random.LogNormal(2_000 * Math.Sqrt(profile.TicketScale) * (1 + 1.5 * intensity), 0.45);
            var amount = Math.Max(500, Math.Round(size / 500) * 500);
            var second = IndiaTime.ToUtcSecond(random.NextInt(8 * 3600, 23 * 3600));
            var atm = random.NextInt(0, MerchantCatalog.AtmPool);
            today.Add(new PlannedEvent(second, today.Count, TransactionType.CashWithdrawal, (decimal)amount, MerchantCatalog.AtmMcc,
                MerchantCatalog.MerchantId(MerchantCatalog.AtmMcc, atm), MerchantCatalog.Atm, 0));
        }
    }

    /// <summary>Online and discretionary purchases come back more often than groceries and fuel.</summary>
    private static double RefundChance(MerchantCategory category, string channel) =>
        category.Kind == SpendKind.Essential ? 0.004 : channel == MerchantCatalog.Ecommerce ? 0.05 : 0.015;

    private void PlanPurchase(List<PlannedEvent> today, bool festival, bool holidays, double intensity, bool borrowing, bool travelling)
    {
        var categories = MerchantCatalog.Everyday;
        Span<double> weights = stackalloc double[categories.Length];
        for (var c = 0; c < categories.Length; c++)
        {
            var category = categories[c];
            var weight = profile.CategoryWeights[c] * (festival ? category.FestivalBoost : holidays ? category.DecemberBoost : 1);
            weight *= category.Kind switch
            {
                SpendKind.Essential => borrowing ? 1 + 0.6 * intensity : 1,
                SpendKind.Discretionary => 1 - (borrowing ? 0.4 : 0.5) * intensity,
                _ => 1 - 0.9 * intensity,
            };
            if (travelling)
            {
                weight = category.Mcc switch
                {
                    "4511" or "7011" => weight + 5 * category.Weight,
                    "5812" => weight * 2,
                    "4121" => weight * 3,
                    _ => weight,
                };
            }

            weights[c] = weight;
        }

        var index = random.Pick(weights);
        var chosen = categories[index];
        var amount = chosen.MedianAmount * profile.TicketScale * Math.Exp(chosen.Sigma * random.Normal());
        amount = chosen.RoundTo > 0 ? Math.Max(chosen.RoundTo, Math.Round(amount / chosen.RoundTo) * chosen.RoundTo) : Math.Max(10, amount);

        var merchant = PickMerchant(index, intensity);
        var channel = MerchantCatalog.ChannelFor(chosen, random);
        var localSecond = channel == MerchantCatalog.Ecommerce
            ? random.NextInt(0, 86_400)
            : (int)Math.Clamp((chosen.PeakHour + 2.5 * random.Normal()) * 3600, 7 * 3600, 23.9 * 3600);
        today.Add(new PlannedEvent(IndiaTime.ToUtcSecond(localSecond), today.Count, TransactionType.Purchase, CardTerms.Money(amount),
            chosen.Mcc, MerchantCatalog.MerchantId(chosen.Mcc, merchant), channel, RefundChance(chosen, channel)));
    }

    /// <summary>Regular merchants, favourites first; stress narrows the set and cuts the odd new merchant.</summary>
    private int PickMerchant(int categoryIndex, double intensity)
    {
        var category = MerchantCatalog.Everyday[categoryIndex];
        if (random.Chance(0.12 * (1 - 0.6 * intensity)))
        {
            return random.NextInt(0, category.MerchantPool);
        }

        var regulars = profile.RegularMerchants[categoryIndex];
        var usable = Math.Max(1, (int)Math.Ceiling(regulars.Length * (1 - 0.5 * intensity)));
        Span<double> preference = stackalloc double[usable];
        for (var i = 0; i < usable; i++)
        {
            preference[i] = 1.0 / (i + 1);
        }

        return regulars[random.Pick(preference)];
    }

    /// <summary>A one-off large ticket (a phone, gold, a holiday): a utilisation spike in a healthy account.</summary>
    private void PlanBigTicket(decimal balance, List<PlannedEvent> today)
    {
        string[] mccs = ["5732", "5944", "5311", "7011", "4511"];
        var mcc = mccs[random.Pick([0.35, 0.2, 0.2, 0.15, 0.1])];
        var available = profile.CreditLimit - balance;
        var amount = Math.Min((decimal)random.Uniform(0.12, 0.45) * profile.CreditLimit, available * 0.95m);
        if (amount < 3_000)
        {
            return;
        }

        var category = Array.Find(MerchantCatalog.Everyday, c => c.Mcc == mcc)!;
        var merchant = random.NextInt(0, category.MerchantPool);
        var channel = MerchantCatalog.ChannelFor(category, random);
        today.Add(new PlannedEvent(IndiaTime.ToUtcSecond(random.NextInt(11 * 3600, 21 * 3600)), today.Count, TransactionType.Purchase,
            CardTerms.Money(amount), mcc, MerchantCatalog.MerchantId(mcc, merchant), channel, RefundChance(category, channel)));
    }
}
