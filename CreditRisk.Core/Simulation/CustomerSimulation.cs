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
    private const int LastSecondOfDay = 86_399;

    private readonly CustomerProfile _profile;
    private readonly SimulationPeriod _period;
    private readonly SimulationRandom _activity;
    private readonly SimulationRandom _payments;
    private readonly SpendingPlanner _spending;
    private readonly PaymentPlanner _paymentPlanner;
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

    private CustomerSimulation(CustomerProfile profile, SimulationPeriod period, int seed)
    {
        _profile = profile;
        _period = period;
        _activity = SimulationRandom.For(seed, profile.Index, SimulationRandom.Purpose.Activity);
        _payments = SimulationRandom.For(seed, profile.Index, SimulationRandom.Purpose.Payments);
        _spending = new SpendingPlanner(profile, _activity);
        _paymentPlanner = new PaymentPlanner(profile, period, _payments);
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
            _spending.PlanDay(day, date, _balance, _today);
            _order = _today.Count;
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
            var second = IndiaTime.ToUtcSecond(_payments.NextInt(9 * 3600, 23 * 3600));
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
        var second = IndiaTime.ToUtcSecond(_activity.NextInt(8 * 3600, 22 * 3600));
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

    /// <summary>Plans the payment against the statement just closed.</summary>
    private void SchedulePayment()
    {
        var payment = _paymentPlanner.Plan(_open, _nextStatement);
        _paymentDay = payment?.Day ?? -1;
        _paymentAmount = payment?.Amount ?? 0;
    }
}
