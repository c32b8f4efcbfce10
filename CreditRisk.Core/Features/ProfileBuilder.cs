using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Features;

/// <summary>
/// Recomputes a <see cref="BehaviorProfile"/> from a customer's raw history in one pass, independently of
/// <see cref="ProfileUpdater"/>; both must give exactly the same profile for the same history (used to repair a
/// profile and to prove the incremental path).
/// </summary>
public static class ProfileBuilder
{
    /// <summary>
    /// Builds the profile of <paramref name="customerId"/> from all of its transactions (each once) and statements.
    /// When two statements share a date, the later one in <paramref name="statements"/> wins.
    /// </summary>
    /// <exception cref="ArgumentException">An item belongs to another customer.</exception>
    public static BehaviorProfile Build(
        string customerId, IEnumerable<Transaction> transactions, IEnumerable<Statement> statements)
    {
        var txs = transactions.ToList();
        var stmts = statements.ToList();
        if (txs.Any(t => t.CustomerId != customerId) || stmts.Any(s => s.CustomerId != customerId))
        {
            throw new ArgumentException($"Every item must belong to customer '{customerId}'.");
        }

        var cycles = stmts
            .Select((s, i) => (Statement: s, Order: i))
            .GroupBy(x => x.Statement.StatementDate)
            .Select(g => g.MaxBy(x => x.Order).Statement)
            .OrderBy(s => s.StatementDate)
            .TakeLast(ProfileWindow.Cycles)
            .Select(ProfileUpdater.ToCycle)
            .ToList();

        if (txs.Count == 0)
        {
            return new BehaviorProfile { CustomerId = customerId, Cycles = cycles };
        }

        var byDay = txs.GroupBy(t => ProfileUpdater.DayOf(t.Timestamp)).ToList();
        var first = byDay.Min(g => g.Key);
        var last = byDay.Max(g => g.Key);
        var windowStart = last.AddDays(1 - ProfileWindow.Days);
        var pruned = byDay.Where(g => g.Key < windowStart).Select(g => (DateOnly?)g.Key).Max();

        var days = byDay
            .Where(g => g.Key >= windowStart)
            .OrderBy(g => g.Key)
            .Select(g => new DailyActivity
            {
                Day = g.Key,
                Purchases = SumOf(g, TransactionType.Purchase),
                PurchaseCount = g.Count(t => t.Type == TransactionType.Purchase),
                CashWithdrawals = SumOf(g, TransactionType.CashWithdrawal),
                CashWithdrawalCount = g.Count(t => t.Type == TransactionType.CashWithdrawal),
                Payments = SumOf(g, TransactionType.Payment),
                PaymentCount = g.Count(t => t.Type == TransactionType.Payment),
                Refunds = SumOf(g, TransactionType.Refund),
                FeesAndInterest = SumOf(g, TransactionType.Fee) + SumOf(g, TransactionType.Interest),
                MerchantCategoryCounts = CategoryCounts.Of(g
                    .Where(t => t.Type == TransactionType.Purchase && !string.IsNullOrEmpty(t.MerchantCategory))
                    .GroupBy(t => t.MerchantCategory!, StringComparer.Ordinal)
                    .Select(c => KeyValuePair.Create(c.Key, c.Count()))),
            })
            .ToList();

        return new BehaviorProfile
        {
            CustomerId = customerId,
            FirstTransactionDay = first,
            LastTransactionDay = last,
            PrunedThrough = pruned,
            TransactionCount = txs.Count,
            NetBalance = txs.Sum(ProfileUpdater.SignedAmount),
            Days = days,
            Cycles = cycles,
        };
    }

    private static decimal SumOf(IEnumerable<Transaction> transactions, TransactionType type) =>
        transactions.Where(t => t.Type == type).Sum(t => t.Amount);
}
