namespace CreditRisk.Core.Transactions;

/// <summary>One card transaction. <see cref="Id"/> is the bank's transaction id and the idempotency key.</summary>
public sealed record Transaction
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>When the transaction happened (UTC, millisecond precision).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Always positive; <see cref="Type"/> says which way it moves the balance.</summary>
    public required decimal Amount { get; init; }

    public required TransactionType Type { get; init; }

    /// <summary>ISO 18245 merchant category code (4 digits), when known.</summary>
    public string? MerchantCategory { get; init; }

    public string? MerchantId { get; init; }

    /// <summary>Free-form channel such as pos, ecommerce, atm, contactless.</summary>
    public string? Channel { get; init; }

    /// <summary>When CreditRisk accepted it (UTC); the original outcome replayed to duplicate submissions.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// When the risk pipeline absorbed it into the customer's behaviour profile (UTC); null while it is stored but not
    /// yet applied. A crash between storing and applying leaves it null, which is how recovery finds the customers
    /// whose profiles must be rebuilt.
    /// </summary>
    public DateTimeOffset? AppliedAt { get; init; }
}
