using CreditRisk.Core.Customers;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Simulation;

/// <summary>
/// Runs one customer through the period day by day: plans spending from the profile, the calendar and the latent
/// stress, authorises it against the limit, posts payments, fees and interest, and closes a statement each month.
/// </summary>
internal sealed class CustomerSimulation
{
    private const double DaysPerMonth = 30.44;
    private const int LastSecondOfDay = 86_399;

    // India is UTC+5:30; people shop on local time, the ledger runs on UTC dates.
    private const int LocalOffsetSeconds = 19_800;

    private readonly CustomerProfile _profile;
    private readonly SimulationPeriod _period;
    private readonly SimulationRandom _activity;
    private readonly SimulationRandom _payments;
    private readonly List<Transaction> _transactions = new(256);
    private readonly List<Statement> _statements;
    private readonly List<PlannedEvent> _today = new(16);
    private readonly List<(int Day, PlannedEvent Event)> _refunds = [];
    private readonly DateTime[] _dayStarts;

    private decimal _balance;
    private int _sequence;
    private int _order;
    private decimal _cyclePayments;
    private DateOnly? _cyclePaidOn;
    private decimal _cycleDebits;
    private decimal _cycleCash;
    private StatementCycle _open;
    private int _nextStatement = 1;
    private DateOnly? _delinquentSince;
    private DateOnly? _firstDelinquency;
    private bool _blocked;
    private int _paymentDay = -1;
    private decimal _paymentAmount;
    private int _tripEndDay = -1;
    private int _quietEndDay = -1;
    private double _quietFactor = 1;
    private int _activityMonth = -1;
    private double _logActivity;

    private CustomerSimulation(CustomerProfile profile, SimulationPeriod period, int seed)
    {
        _profile = profile;
        _period = period;
        _activity = SimulationRandom.For(seed, profile.Index, SimulationRandom.Purpose.Activity);
        _payments = SimulationRandom.For(seed, profile.Index, SimulationRandom.Purpose.Payments);
        _statements = new List<Statement>(period.StatementDates.Count);
        _dayStarts = new DateTime[period.Days];
        for (var day = 0; day < period.Days; day++)
        {
            _dayStarts[day] = period.DateOf(day).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        _balance = profile.OpeningBalance;
        _open = new StatementCycle
        {
            Date = period.StatementDates[0],
            Balance = _balance,
            MinimumDue = CardTerms.MinimumDue(_balance, 0),
            ArrearsIncluded = 0,
            DaysPastDue = 0,
        };
    }

    public static (Customer Customer, List<Transaction> Transactions, List<Statement> Statements, DateOnly? FirstDelinquency) Run(
        CustomerProfile profile, SimulationPeriod period, int seed)
    {
        var simulation = new CustomerSimulation(profile, period, seed);
        simulation.SchedulePayment();
        for (var day = 0; day < period.Days; day++)
        {
            simulation.RunDay(day);
        }

        simulation._statements.Add(simulation._open.ToStatement(
            profile.Id, profile.CreditLimit, simulation._cyclePayments, simulation._cyclePaidOn));
        var customer = new Customer
        {
            Id = profile.Id,
            FullName = profile.FullName,
            Phone = profile.Phone,
            WhatsAppOptIn = profile.WhatsAppOptIn,
            WhatsAppOptInAt = profile.WhatsAppOptInAt,
            CreditLimit = profile.CreditLimit,
            OpenedOn = profile.OpenedOn,
        };
        return (customer, simulation._transactions, simulation._statements, simulation._firstDelinquency);
    }

    private void RunDay(int day)
    {
        var date = _period.DateOf(day);
        _today.Clear();
        _order = 0;
        if (!_blocked)
        {
            PlanSpending(day, date);
        }

        for (var i = _refunds.Count - 1; i >= 0; i--)
        {
            if (_refunds[i].Day == day)
            {
                _today.Add(_refunds[i].Event with { Order = _order++ });
                _refunds.RemoveAt(i);
            }
        }

        if (_paymentDay == day)
        {
            var second = LocalToUtcSecond(_payments.NextInt(9 * 3600, 23 * 3600));
            _today.Add(new PlannedEvent(second, _order++, TransactionType.Payment, _paymentAmount, null, null, null, 0));
        }

        _today.Sort();
        foreach (var planned in _today)
        {
            Apply(day, date, planned);
        }

        if (_nextStatement < _period.StatementDates.Count && date == _period.StatementDates[_nextStatement])
        {
            CloseCycle(day, date);
        }
    }

    private void PlanSpending(int day, DateOnly date)
    {
        var random = _activity;
        var stress = _profile.Stress;
        var intensity = _profile.StressIntensity(day);
        var distressed = _profile.IsInDistress(day);
        var borrowing = stress?.Style != StressStyle.Cutback;
        var festival = SeasonalCalendar.IsFestivalSeason(date);
        var holidays = SeasonalCalendar.IsDecemberHolidays(date);

        // Noise episodes that look like stress in some signals but are not.
        if (day >= _tripEndDay && random.Chance(_profile.TripsPerYear / 365 * (holidays ? 3 : 1) * (1 - intensity)))
        {
            _tripEndDay = day + random.NextInt(3, 9);
        }

        if (day >= _quietEndDay && random.Chance(_profile.QuietSpellsPerYear / 365))
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
        var utilisation = (double)(_balance / _profile.CreditLimit);
        var headroom = distressed ? 1 : Math.Clamp((ComfortLevel(intensity) + 0.05 - utilisation) / 0.25, 0.25, 1);
        var rate = _profile.PurchasesPerMonth / DaysPerMonth * SeasonalCalendar.PurchaseRate(date) * stressMultiplier * headroom
            * Math.Exp(_logActivity) * (quiet ? _quietFactor : 1) * (travelling ? 1.6 : 1);
        var purchases = random.Poisson(rate);
        for (var i = 0; i < purchases; i++)
        {
            PlanPurchase(festival, holidays, intensity, borrowing, travelling);
        }

        if (random.Chance(_profile.BigTicketsPerYear / 365 * (festival ? 2.5 : 1) * (1 - intensity)))
        {
            PlanBigTicket();
        }

        foreach (var bill in _profile.Bills)
        {
            if (date.Day == Math.Min(bill.DayOfMonth, DateTime.DaysInMonth(date.Year, date.Month)))
            {
                var amount = CardTerms.Money(Math.Max(49, bill.Amount * (1 + bill.Variation * random.Normal())));
                var second = LocalToUtcSecond(random.NextInt(6 * 3600, 10 * 3600));
                _today.Add(new PlannedEvent(second, _order++, TransactionType.Purchase, amount, bill.Mcc,
                    MerchantCatalog.MerchantId(bill.Mcc, bill.MerchantIndex), MerchantCatalog.Ecommerce, 0));
            }
        }

        var cashStress = distressed
            ? borrowing ? 4.0 : 0.7
            : intensity * (borrowing ? 3.0 + 2.0 * _profile.CashWithdrawalsPerMonth : 0.8);
        var cashRate = (_profile.CashWithdrawalsPerMonth + cashStress) / DaysPerMonth + (travelling ? 0.2 : 0);
        var withdrawals = random.Poisson(cashRate);
        for (var i = 0; i < withdrawals; i++)
        {
            var size = random.LogNormal(2_000 * Math.Sqrt(_profile.TicketScale) * (1 + 1.5 * intensity), 0.45);
            var amount = Math.Max(500, Math.Round(size / 500) * 500);
            var second = LocalToUtcSecond(random.NextInt(8 * 3600, 23 * 3600));
            var atm = random.NextInt(0, MerchantCatalog.AtmPool);
            _today.Add(new PlannedEvent(second, _order++, TransactionType.CashWithdrawal, (decimal)amount, MerchantCatalog.AtmMcc,
                MerchantCatalog.MerchantId(MerchantCatalog.AtmMcc, atm), MerchantCatalog.Atm, 0));
        }
    }

    private void PlanPurchase(bool festival, bool holidays, double intensity, bool borrowing, bool travelling)
    {
        var random = _activity;
        var categories = MerchantCatalog.Everyday;
        Span<double> weights = stackalloc double[categories.Length];
        for (var c = 0; c < categories.Length; c++)
        {
            var category = categories[c];
            var weight = _profile.CategoryWeights[c] * (festival ? category.FestivalBoost : holidays ? category.DecemberBoost : 1);
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
        var amount = chosen.MedianAmount * _profile.TicketScale * Math.Exp(chosen.Sigma * random.Normal());
        amount = chosen.RoundTo > 0 ? Math.Max(chosen.RoundTo, Math.Round(amount / chosen.RoundTo) * chosen.RoundTo) : Math.Max(10, amount);

        var merchant = PickMerchant(index, intensity);
        var channel = MerchantCatalog.ChannelFor(chosen, random);
        var localSecond = channel == MerchantCatalog.Ecommerce
            ? random.NextInt(0, 86_400)
            : (int)Math.Clamp((chosen.PeakHour + 2.5 * random.Normal()) * 3600, 7 * 3600, 23.9 * 3600);
        _today.Add(new PlannedEvent(LocalToUtcSecond(localSecond), _order++, TransactionType.Purchase, CardTerms.Money(amount),
            chosen.Mcc, MerchantCatalog.MerchantId(chosen.Mcc, merchant), channel, RefundChance(chosen, channel)));
    }

    /// <summary>Regular merchants, favourites first; stress narrows the set and cuts the odd new merchant.</summary>
    private int PickMerchant(int categoryIndex, double intensity)
    {
        var random = _activity;
        var category = MerchantCatalog.Everyday[categoryIndex];
        if (random.Chance(0.12 * (1 - 0.6 * intensity)))
        {
            return random.NextInt(0, category.MerchantPool);
        }

        var regulars = _profile.RegularMerchants[categoryIndex];
        var usable = Math.Max(1, (int)Math.Ceiling(regulars.Length * (1 - 0.5 * intensity)));
        Span<double> preference = stackalloc double[usable];
        for (var i = 0; i < usable; i++)
        {
            preference[i] = 1.0 / (i + 1);
        }

        return regulars[random.Pick(preference)];
    }

    /// <summary>A one-off large ticket (a phone, gold, a holiday): a utilisation spike in a healthy account.</summary>
    private void PlanBigTicket()
    {
        var random = _activity;
        string[] mccs = ["5732", "5944", "5311", "7011", "4511"];
        var mcc = mccs[random.Pick([0.35, 0.2, 0.2, 0.15, 0.1])];
        var available = _profile.CreditLimit - _balance;
        var amount = Math.Min((decimal)random.Uniform(0.12, 0.45) * _profile.CreditLimit, available * 0.95m);
        if (amount < 3_000)
        {
            return;
        }

        var category = Array.Find(MerchantCatalog.Everyday, c => c.Mcc == mcc)!;
        var merchant = random.NextInt(0, category.MerchantPool);
        var channel = MerchantCatalog.ChannelFor(category, random);
        _today.Add(new PlannedEvent(LocalToUtcSecond(random.NextInt(11 * 3600, 21 * 3600)), _order++, TransactionType.Purchase,
            CardTerms.Money(amount), mcc, MerchantCatalog.MerchantId(mcc, merchant), channel, RefundChance(category, channel)));
    }

    private void Apply(int day, DateOnly date, PlannedEvent planned)
    {
        switch (planned.Type)
        {
            case TransactionType.Purchase:
                if (_balance + planned.Amount > _profile.CreditLimit)
                {
                    return; // declined: no record, as in a posted-transaction feed
                }

                Post(day, planned, planned.Type, planned.Amount);
                _cycleDebits += planned.Amount;
                if (planned.RefundChance > 0)
                {
                    MaybeScheduleRefund(day, planned);
                }

                break;
            case TransactionType.CashWithdrawal:
                var fee = CardTerms.CashAdvanceFee(planned.Amount);
                if (_balance + planned.Amount + fee > _profile.CreditLimit
                    || _cycleCash + planned.Amount > _profile.CreditLimit * CardTerms.CashLimitShare)
                {
                    return;
                }

                Post(day, planned, planned.Type, planned.Amount);
                Post(day, planned with { Mcc = null, MerchantId = null, Channel = null }, TransactionType.Fee, fee);
                _cycleDebits += planned.Amount;
                _cycleCash += planned.Amount;
                break;
            case TransactionType.Refund:
                Post(day, planned, planned.Type, planned.Amount);
                break;
            case TransactionType.Payment:
                Post(day, planned, planned.Type, planned.Amount);
                _cyclePayments += planned.Amount;
                _cyclePaidOn = date;
                break;
        }
    }

    /// <summary>Online and discretionary purchases come back more often than groceries and fuel.</summary>
    private static double RefundChance(MerchantCategory category, string channel) =>
        category.Kind == SpendKind.Essential ? 0.004 : channel == MerchantCatalog.Ecommerce ? 0.05 : 0.015;

    private void MaybeScheduleRefund(int day, PlannedEvent purchase)
    {
        if (!_activity.Chance(purchase.RefundChance))
        {
            return;
        }

        var refundDay = day + _activity.NextInt(2, 22);
        if (refundDay >= _period.Days)
        {
            return;
        }

        var amount = _activity.Chance(0.7) ? purchase.Amount : CardTerms.Money(purchase.Amount * (decimal)_activity.Uniform(0.2, 0.8));
        var second = LocalToUtcSecond(_activity.NextInt(8 * 3600, 22 * 3600));
        _refunds.Add((refundDay, purchase with { Second = second, Type = TransactionType.Refund, Amount = amount, RefundChance = 0 }));
    }

    private void Post(int day, PlannedEvent planned, TransactionType type, decimal amount)
    {
        _balance += type is TransactionType.Payment or TransactionType.Refund ? -amount : amount;
        _transactions.Add(new Transaction
        {
            Id = $"{_profile.Id}-T{++_sequence:D5}",
            CustomerId = _profile.Id,
            Timestamp = new DateTimeOffset(_dayStarts[day].AddSeconds(planned.Second), TimeSpan.Zero),
            Amount = amount,
            Type = type,
            MerchantCategory = planned.Mcc,
            MerchantId = planned.MerchantId,
            Channel = planned.Channel,
        });
    }

    /// <summary>End of the statement day: charge late fee and interest for the previous cycle, then close the new statement.</summary>
    private void CloseCycle(int day, DateOnly date)
    {
        var previous = _open;
        var paid = _cyclePayments;

        if (previous.MinimumDue > 0 && (paid < previous.MinimumDue || _cyclePaidOn > previous.DueDate))
        {
            var fee = CardTerms.LateFee(previous.Balance);
            if (fee > 0)
            {
                PostCharge(day, TransactionType.Fee, fee, LastSecondOfDay - 1);
            }
        }

        var interest = previous.Balance > 0 && paid < previous.Balance
            ? CardTerms.MonthlyInterestRate * (previous.Balance - paid + _cycleDebits / 2)
            : CardTerms.MonthlyInterestRate * _cycleCash / 2; // cash accrues interest from the day it is taken
        interest = CardTerms.Money(interest);
        if (interest >= 0.01m)
        {
            PostCharge(day, TransactionType.Interest, interest, LastSecondOfDay);
        }

        _statements.Add(previous.ToStatement(_profile.Id, _profile.CreditLimit, paid, _cyclePaidOn));

        var pastDue = Math.Max(0, previous.MinimumDue - paid);
        if (pastDue == 0)
        {
            _delinquentSince = null;
        }
        else if (paid >= previous.ArrearsIncluded)
        {
            _delinquentSince = previous.DueDate;
        }
        else
        {
            _delinquentSince ??= previous.DueDate;
        }

        var daysPastDue = _delinquentSince is { } since ? date.DayNumber - since.DayNumber : 0;
        if (daysPastDue >= 30)
        {
            // The day the oldest unpaid due date turned 30 days overdue, as this first 30+ DPD statement reports it.
            _firstDelinquency ??= date.AddDays(30 - daysPastDue);
            _blocked = true; // cards are blocked once 30+ days past due
        }

        var minimumDue = CardTerms.MinimumDue(_balance, pastDue);
        _open = new StatementCycle
        {
            Date = date,
            Balance = _balance,
            MinimumDue = minimumDue,
            ArrearsIncluded = Math.Min(pastDue, minimumDue),
            DaysPastDue = daysPastDue,
        };

        _cyclePayments = 0;
        _cyclePaidOn = null;
        _cycleDebits = 0;
        _cycleCash = 0;
        _nextStatement++;
        SchedulePayment();
    }

    private void PostCharge(int day, TransactionType type, decimal amount, int second) =>
        Post(day, new PlannedEvent(second, 0, type, amount, null, null, null, 0), type, amount);

    /// <summary>Decides how much and when the customer pays against the statement just closed.</summary>
    private void SchedulePayment()
    {
        _paymentDay = -1;
        var statement = _open;
        if (statement.MinimumDue <= 0)
        {
            return;
        }

        var random = _payments;
        var statementDay = _period.DayIndex(statement.Date);
        var dueDay = statementDay + CardTerms.GraceDays;
        var nextStatementDay = _nextStatement < _period.StatementDates.Count
            ? _period.DayIndex(_period.StatementDates[_nextStatement])
            : statementDay + 28;
        var lastDay = nextStatementDay - 1;
        var intensity = _profile.StressIntensity(dueDay);
        decimal amount;
        int day;

        if (_profile.IsInDistress(dueDay))
        {
            var roll = random.NextDouble();
            if (roll < 0.78)
            {
                return;
            }

            amount = roll < 0.90
                ? Math.Round(statement.MinimumDue * (decimal)random.Uniform(0.2, 0.8) / 100) * 100
                : statement.MinimumDue;
            if (amount <= 0)
            {
                return;
            }

            day = statementDay + random.NextInt(3, 27);
        }
        else
        {
            // Someone who forgot last month has had the reminder call and the late fee: they do not forget twice running.
            var forgetful = statement.ArrearsIncluded > 0 ? 0 : _profile.ForgetfulSkipChance;
            if (random.Chance(forgetful + 0.12 * intensity))
            {
                return;
            }

            amount = PaymentAmount(statement, intensity);
            day = random.Chance(_profile.ForgetfulLateChance + 0.35 * intensity)
                ? dueDay + random.NextInt(1, 8)
                : PaymentDay(statement, statementDay, dueDay, random.Chance(intensity) ? PaymentHabit.NearDueDate : _profile.PaymentHabit);
        }

        day = Math.Clamp(day, statementDay + 1, lastDay);
        if (day >= _period.Days)
        {
            return; // falls after the period: the last statement shows nothing paid yet
        }

        _paymentDay = day;
        _paymentAmount = amount;
    }

    private decimal PaymentAmount(StatementCycle statement, double intensity)
    {
        var random = _payments;
        var balance = statement.Balance;
        var minimum = statement.MinimumDue;
        var roll = random.NextDouble();
        double share;
        switch (_profile.PayerType)
        {
            case PayerType.Transactor:
                if (roll < 0.97 - 0.9 * intensity)
                {
                    return balance;
                }

                if (random.Chance(0.5))
                {
                    return WithComfortTopUp(statement, minimum, intensity);
                }

                share = 0.5 * (1 - intensity);
                break;
            case PayerType.Revolver:
                var full = 0.12 * (1 - intensity);
                if (roll < full)
                {
                    return balance;
                }

                if (roll < full + 0.10 + 0.7 * intensity)
                {
                    return WithComfortTopUp(statement, minimum, intensity);
                }

                share = _profile.PartialShare * (1 - 0.8 * intensity) * random.LogNormal(1, 0.3);
                break;
            default:
                if (roll < 0.03)
                {
                    return balance;
                }

                if (roll < 0.75 + 0.2 * intensity)
                {
                    return WithComfortTopUp(statement, minimum, intensity);
                }

                share = _profile.PartialShare * (1 - intensity);
                break;
        }

        // People pay round amounts above the minimum.
        var partial = minimum + (decimal)Math.Clamp(share, 0, 1) * (balance - minimum);
        partial = Math.Ceiling(partial / 100) * 100;
        return WithComfortTopUp(statement, Math.Clamp(partial, minimum, balance), intensity);
    }

    /// <summary>A healthy customer above their comfort level pays it back down; stress makes them stop bothering.</summary>
    private decimal WithComfortTopUp(StatementCycle statement, decimal amount, double intensity)
    {
        if (_payments.Chance(intensity))
        {
            return amount;
        }

        var target = (decimal)_profile.ComfortUtilisation * _profile.CreditLimit;
        var topUp = Math.Ceiling((statement.Balance - target) / 100) * 100;
        return Math.Min(statement.Balance, Math.Max(amount, topUp));
    }

    private double ComfortLevel(double intensity) => _profile.ComfortUtilisation + (1 - _profile.ComfortUtilisation) * intensity;

    private int PaymentDay(StatementCycle statement, int statementDay, int dueDay, PaymentHabit habit)
    {
        var random = _payments;
        switch (habit)
        {
            case PaymentHabit.SoonAfterStatement:
                return statementDay + random.NextInt(2, 9);
            case PaymentHabit.AfterSalary:
                var salary = NextSalaryDate(statement.Date);
                var day = _period.DayIndex(salary) + random.NextInt(1, 5);
                return day <= dueDay ? day : dueDay - random.NextInt(0, 3);
            default:
                return dueDay - random.NextInt(0, 4);
        }
    }

    private DateOnly NextSalaryDate(DateOnly from)
    {
        for (var monthOffset = 0; monthOffset < 2; monthOffset++)
        {
            var month = from.AddMonths(monthOffset);
            var dayOfMonth = Math.Min(_profile.SalaryDay, DateTime.DaysInMonth(month.Year, month.Month));
            var salary = new DateOnly(month.Year, month.Month, dayOfMonth);
            if (salary >= from)
            {
                return salary;
            }
        }

        return from;
    }

    private static int LocalToUtcSecond(int localSecond) => ((localSecond - LocalOffsetSeconds) % 86_400 + 86_400) % 86_400;
}
