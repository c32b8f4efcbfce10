namespace CreditRisk.Core.Transactions;

/// <summary>Which of a customer's transactions a paged list shows; every criterion is optional.</summary>
public sealed record TransactionFilter
{
    /// <summary>Only this type; null = every type.</summary>
    public TransactionType? Type { get; init; }

    /// <summary>Only transactions at or after this time (UTC); null = from the first.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only transactions strictly before this time (UTC); null = up to the last.</summary>
    public DateTimeOffset? To { get; init; }

    public static TransactionFilter None { get; } = new();
}

/// <summary>One page of transactions, newest first, and how many match the filter in all.</summary>
public sealed record TransactionPage(IReadOnlyList<Transaction> Items, long Total);
