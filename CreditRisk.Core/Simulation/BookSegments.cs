namespace CreditRisk.Core.Simulation;

/// <summary>
/// Gives some healthy customers a <see cref="BookSegment"/>: behaviours a real card book has that look like stress to
/// simple rules. Draws come from their own random stream, so every other customer is generated exactly as before.
/// Shares and reasons are in docs/simulation.md ("Healthy segments").
/// </summary>
internal static class BookSegments
{
    /// <summary>Chance of being drawn for a segment. A draw only takes for a customer with no stress episode and no shock.</summary>
    public const double FullLimitTransactorDraw = 0.09;

    public const double CardSwitcherDraw = 0.06;

    public const double CashUserDraw = 0.025;

    /// <summary>Full-limit transactors pay within 2–8 days of the statement, so the peak balance is about this many months of spend.</summary>
    private const double PeakMonthsOfSpend = 1.16;

    /// <summary>Calendar (weekends, salary week, festival season) and the monthly activity swing lift spend about this much above the plain rate.</summary>
    private const double CalendarLift = 1.1;

    private const decimal MinimumLimit = 15_000;

    private const decimal MaximumLimit = 900_000;

    public static CustomerProfile Apply(CustomerProfile profile, int seed, SimulationPeriod period)
    {
        var random = SimulationRandom.For(seed, profile.Index, SimulationRandom.Purpose.Segments);
        var roll = random.NextDouble();
        if (profile.Stress is not null || profile.ShockDay is not null)
        {
            return profile; // the segments are look-alikes: healthy by construction, never delinquent
        }

        return roll switch
        {
            < FullLimitTransactorDraw => FullLimitTransactor(profile, random),
            < FullLimitTransactorDraw + CardSwitcherDraw => CardSwitcher(profile, random, period),
            < FullLimitTransactorDraw + CardSwitcherDraw + CashUserDraw => CashUser(profile, random),
            _ => profile,
        };
    }

    /// <summary>
    /// A limit a little below what a month of spend and the days until the payment add up to: the balance runs towards
    /// the limit mid-cycle (spending slows near it, and purchases above it are declined), and the statement is paid in
    /// full within days of closing, every month, never late.
    /// </summary>
    private static CustomerProfile FullLimitTransactor(CustomerProfile profile, SimulationRandom random)
    {
        var spend = ExpectedMonthlySpend(profile);
        var unconstrainedPeak = random.Uniform(0.95, 1.15);
        var limit = Math.Round((decimal)(spend * PeakMonthsOfSpend / unconstrainedPeak) / 5_000) * 5_000;
        if (limit < MinimumLimit || limit > MaximumLimit)
        {
            return profile; // too small a spender to fill even the smallest limit, or beyond the largest
        }

        var openingUtilisation = Math.Min(0.95, spend / (double)limit * random.Uniform(0.8, 1.1));
        return profile with
        {
            Segment = BookSegment.FullLimitTransactor,
            PayerType = PayerType.Transactor,
            CreditLimit = limit,
            ComfortUtilisation = 1.0,
            PaymentHabit = PaymentHabit.SoonAfterStatement,
            ForgetfulLateChance = 0,
            ForgetfulSkipChance = 0,
            OpeningBalance = CardTerms.Money(openingUtilisation * (double)limit),
        };
    }

    /// <summary>From a day in the period on, only 5–30% of everyday spend stays on this card; the bills stay for 60%.</summary>
    private static CustomerProfile CardSwitcher(CustomerProfile profile, SimulationRandom random, SimulationPeriod period)
    {
        var day = random.NextInt(Math.Min(30, period.Days / 2), period.Days);
        return profile with
        {
            Segment = BookSegment.CardSwitcher,
            Switch = new CardSwitch(day, random.Uniform(0.05, 0.3), random.Chance(0.6)),
        };
    }

    /// <summary>Enough withdrawals a month that cash is 25–50% of what goes on the card.</summary>
    private static CustomerProfile CashUser(CustomerProfile profile, SimulationRandom random)
    {
        var cashShare = random.Uniform(0.25, 0.5);
        var meanWithdrawal = 2_000 * Math.Sqrt(profile.TicketScale) * Math.Exp(0.45 * 0.45 / 2); // as SpendingPlanner draws them
        var perMonth = cashShare / (1 - cashShare) * ExpectedMonthlySpend(profile) / meanWithdrawal;
        return profile with
        {
            Segment = BookSegment.CashUser,
            CashWithdrawalsPerMonth = Math.Max(profile.CashWithdrawalsPerMonth, perMonth),
        };
    }

    /// <summary>Purchases and bills an ordinary month puts on the card, from the purchase rate and the customer's category mix.</summary>
    private static double ExpectedMonthlySpend(CustomerProfile profile)
    {
        var categories = MerchantCatalog.Everyday;
        double weighted = 0, total = 0;
        for (var c = 0; c < categories.Length; c++)
        {
            var weight = profile.CategoryWeights[c];
            weighted += weight * categories[c].MedianAmount * Math.Exp(categories[c].Sigma * categories[c].Sigma / 2);
            total += weight;
        }

        var purchases = total == 0 ? 0 : profile.PurchasesPerMonth * profile.TicketScale * weighted / total;
        return CalendarLift * purchases + profile.Bills.Sum(b => b.Amount);
    }
}
