using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Training;

/// <summary>
/// Everything a training or evaluation run reads from a data directory, per customer: history kept compact
/// (a few dozen bytes per transaction, so millions fit in memory) and the label rows.
/// </summary>
public sealed class LabeledHistory
{
    internal LabeledHistory(
        Dictionary<string, CustomerHistory> customers, int labelCount, bool hasTransactions, bool hasStatements, string source = "in-memory")
    {
        Customers = customers;
        Source = source;
        LabelCount = labelCount;
        HasTransactions = hasTransactions;
        HasStatements = hasStatements;
    }

    /// <summary>Where the rows came from: the data directory's full path, or a description of an in-memory source.</summary>
    public string Source { get; }

    public int LabelCount { get; }

    public bool HasTransactions { get; }

    public bool HasStatements { get; }

    internal Dictionary<string, CustomerHistory> Customers { get; }
}

/// <summary>One customer's rows from the data files.</summary>
internal sealed class CustomerHistory(string id, decimal creditLimit)
{
    public string Id { get; } = id;

    public decimal CreditLimit { get; } = creditLimit;

    public List<CompactTransaction> Transactions { get; } = [];

    public List<Statement> Statements { get; } = [];

    public List<LabelRow> Labels { get; } = [];
}

/// <summary>What the profile needs of a transaction; <see cref="UtcTicks"/> orders them.</summary>
internal readonly record struct CompactTransaction(long UtcTicks, decimal Amount, TransactionType Type, string? MerchantCategory)
{
    /// <summary>
    /// A stored or simulated transaction, its time truncated to the millisecond as the files and both stores keep it,
    /// so every training source replays the same profile.
    /// </summary>
    public static CompactTransaction From(Transaction transaction)
    {
        var ticks = transaction.Timestamp.UtcTicks;
        return new(ticks - (ticks % TimeSpan.TicksPerMillisecond), transaction.Amount, transaction.Type, transaction.MerchantCategory);
    }

    public Transaction ToTransaction(string customerId) => new()
    {
        Id = string.Empty, // the profile never looks at it; the files were de-duplicated on read
        CustomerId = customerId,
        Timestamp = new DateTimeOffset(UtcTicks, TimeSpan.Zero),
        Amount = Amount,
        Type = Type,
        MerchantCategory = MerchantCategory,
    };
}

/// <summary>One line of labels.csv; <see cref="Index"/> is its position among the data rows (0-based).</summary>
internal readonly record struct LabelRow(int Index, DateOnly AsOf, bool Label);
