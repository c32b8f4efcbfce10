using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Features;

/// <summary>
/// Applies transactions and statements to a <see cref="BehaviorProfile"/> incrementally: bounded work per item
/// (one binary search and at most one bucket copy over a window of <see cref="ProfileWindow.Days"/> buckets),
/// tolerant of late and out-of-order items. Pure: never mutates its input and does no I/O;
/// <see cref="BehaviorProfile.Version"/> and <see cref="BehaviorProfile.UpdatedAt"/> are left to the caller.
/// </summary>
/// <remarks>
/// The caller must apply each transaction once (the transaction store's idempotent insert decides what is new).
/// A statement with a date already in the profile replaces that cycle, as the statement store does.
/// </remarks>
public static class ProfileUpdater
{
    /// <summary>A profile with nothing applied yet.</summary>
    public static BehaviorProfile Empty(string customerId) => new() { CustomerId = customerId };

    /// <summary>Returns <paramref name="profile"/> with one more transaction applied.</summary>
    public static BehaviorProfile Apply(BehaviorProfile profile, Transaction transaction) =>
        Apply(profile, [transaction], []);

    /// <summary>Returns <paramref name="profile"/> with one more statement applied.</summary>
    public static BehaviorProfile Apply(BehaviorProfile profile, Statement statement) =>
        Apply(profile, [], [statement]);

    /// <summary>Returns <paramref name="profile"/> with <paramref name="transactions"/> and <paramref name="statements"/> applied, in any order.</summary>
    /// <exception cref="ArgumentException">An item belongs to another customer.</exception>
    public static BehaviorProfile Apply(
        BehaviorProfile profile, IReadOnlyList<Transaction> transactions, IReadOnlyList<Statement> statements)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(statements);
        if (transactions.Count == 0 && statements.Count == 0)
        {
            return profile;
        }

        var state = new State(profile);
        for (var i = 0; i < transactions.Count; i++)
        {
            var transaction = transactions[i];
            EnsureCustomer(profile.CustomerId, transaction.CustomerId, transaction.Id);
            state.Add(transaction);
        }

        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            EnsureCustomer(profile.CustomerId, statement.CustomerId, statement.Id);
            state.Add(statement);
        }

        return state.ToProfile(profile);
    }

    internal static DateOnly DayOf(DateTimeOffset timestamp) => DateOnly.FromDateTime(timestamp.UtcDateTime);

    /// <summary>What the transaction does to the balance: positive for debits, negative for credits.</summary>
    internal static decimal SignedAmount(Transaction transaction) => transaction.Type switch
    {
        TransactionType.Payment or TransactionType.Refund => -transaction.Amount,
        _ => transaction.Amount,
    };

    internal static CycleSummary ToCycle(Statement statement) => new()
    {
        StatementDate = statement.StatementDate,
        CreditLimit = statement.CreditLimit,
        Balance = statement.Balance,
        MinimumDue = statement.MinimumDue,
        DueDate = statement.DueDate,
        AmountPaid = statement.AmountPaid,
        DaysPastDue = statement.DaysPastDue,
    };

    private static void EnsureCustomer(string expected, string actual, string itemId)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Item '{itemId}' belongs to customer '{actual}', not to the profile's customer '{expected}'.");
        }
    }

    private sealed class State(BehaviorProfile profile)
    {
        private readonly List<DailyActivity> _days = new(profile.Days);
        private readonly List<CycleSummary> _cycles = new(profile.Cycles);
        private DateOnly? _first = profile.FirstTransactionDay;
        private DateOnly? _last = profile.LastTransactionDay;
        private DateOnly? _prunedThrough = profile.PrunedThrough;
        private long _count = profile.TransactionCount;
        private decimal _net = profile.NetBalance;

        public void Add(Transaction transaction)
        {
            var day = DayOf(transaction.Timestamp);
            _net += SignedAmount(transaction);
            _count++;
            if (_first is null || day < _first)
            {
                _first = day;
            }

            if (_last is null || day > _last)
            {
                _last = day;
                PruneBefore(WindowStart(day));
            }

            if (day < WindowStart(_last.Value))
            {
                // Too late to matter for any window: it only moves the totals above.
                MarkPruned(day);
                return;
            }

            var index = FindDay(day);
            if (index >= 0)
            {
                _days[index] = AddTo(_days[index], transaction);
            }
            else
            {
                _days.Insert(~index, AddTo(new DailyActivity { Day = day }, transaction));
            }
        }

        public void Add(Statement statement)
        {
            var cycle = ToCycle(statement);
            var index = FindCycle(statement.StatementDate);
            if (index >= 0)
            {
                _cycles[index] = cycle;
                return;
            }

            _cycles.Insert(~index, cycle);
            if (_cycles.Count > ProfileWindow.Cycles)
            {
                _cycles.RemoveRange(0, _cycles.Count - ProfileWindow.Cycles);
            }
        }

        public BehaviorProfile ToProfile(BehaviorProfile original) => original with
        {
            FirstTransactionDay = _first,
            LastTransactionDay = _last,
            PrunedThrough = _prunedThrough,
            TransactionCount = _count,
            NetBalance = _net,
            Days = _days,
            Cycles = _cycles,
        };

        private static DateOnly WindowStart(DateOnly lastDay) => lastDay.AddDays(1 - ProfileWindow.Days);

        private void PruneBefore(DateOnly start)
        {
            var remove = 0;
            while (remove < _days.Count && _days[remove].Day < start)
            {
                remove++;
            }

            if (remove > 0)
            {
                MarkPruned(_days[remove - 1].Day);
                _days.RemoveRange(0, remove);
            }
        }

        private void MarkPruned(DateOnly day)
        {
            if (_prunedThrough is null || day > _prunedThrough)
            {
                _prunedThrough = day;
            }
        }

        private int FindDay(DateOnly day) => IndexOf(_days, day, static d => d.Day);

        private int FindCycle(DateOnly date) => IndexOf(_cycles, date, static c => c.StatementDate);

        /// <summary>Binary search of a list sorted by date: the index of <paramref name="date"/>, or the complement of where it belongs.</summary>
        private static int IndexOf<T>(List<T> sorted, DateOnly date, Func<T, DateOnly> dateOf)
        {
            int lo = 0, hi = sorted.Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var cmp = dateOf(sorted[mid]).CompareTo(date);
                if (cmp == 0)
                {
                    return mid;
                }

                if (cmp < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return ~lo;
        }

        private static DailyActivity AddTo(DailyActivity day, Transaction transaction) => transaction.Type switch
        {
            TransactionType.Purchase => day with
            {
                Purchases = day.Purchases + transaction.Amount,
                PurchaseCount = day.PurchaseCount + 1,
                MerchantCategoryCounts = string.IsNullOrEmpty(transaction.MerchantCategory)
                    ? day.MerchantCategoryCounts
                    : day.MerchantCategoryCounts.Increment(transaction.MerchantCategory),
            },
            TransactionType.CashWithdrawal => day with
            {
                CashWithdrawals = day.CashWithdrawals + transaction.Amount,
                CashWithdrawalCount = day.CashWithdrawalCount + 1,
            },
            TransactionType.Payment => day with
            {
                Payments = day.Payments + transaction.Amount,
                PaymentCount = day.PaymentCount + 1,
            },
            TransactionType.Refund => day with { Refunds = day.Refunds + transaction.Amount },
            _ => day with { FeesAndInterest = day.FeesAndInterest + transaction.Amount },
        };
    }
}
