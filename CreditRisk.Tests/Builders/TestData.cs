using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Builders;

/// <summary>Terse builders for transactions and statements in tests.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static int _sequence;

    public static Transaction Tx(
        DateOnly day,
        decimal amount,
        TransactionType type = TransactionType.Purchase,
        string? mcc = null,
        string customerId = "c1",
        string? id = null,
        int hour = 12) => new()
        {
            Id = id ?? $"t{Interlocked.Increment(ref _sequence)}",
            CustomerId = customerId,
            Timestamp = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero),
            Amount = amount,
            Type = type,
            MerchantCategory = mcc,
        };

    public static Transaction Purchase(DateOnly day, decimal amount, string? mcc = "5411", string customerId = "c1") =>
        Tx(day, amount, TransactionType.Purchase, mcc, customerId);

    public static Transaction Cash(DateOnly day, decimal amount, string customerId = "c1") =>
        Tx(day, amount, TransactionType.CashWithdrawal, "6011", customerId);

    public static Transaction Payment(DateOnly day, decimal amount, string customerId = "c1") =>
        Tx(day, amount, TransactionType.Payment, null, customerId);

    public static Statement Stmt(
        DateOnly date,
        decimal balance,
        decimal limit = 10_000m,
        decimal? minimumDue = null,
        decimal paid = 0m,
        int dpd = 0,
        DateOnly? dueDate = null,
        string customerId = "c1") => new()
        {
            Id = Statement.KeyFor(customerId, date),
            CustomerId = customerId,
            StatementDate = date,
            CreditLimit = limit,
            Balance = balance,
            MinimumDue = minimumDue,
            DueDate = dueDate ?? date.AddDays(20),
            AmountPaid = paid,
            DaysPastDue = dpd,
        };

    public static DateOnly Day(int offset) => DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(offset);
}
