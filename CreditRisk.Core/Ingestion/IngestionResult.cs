namespace CreditRisk.Core.Ingestion;

/// <summary>
/// What happened to a batch: either every item was accepted (<see cref="Items"/> holds one outcome per item, in
/// request order) or nothing was stored and <see cref="Errors"/> lists every problem, ordered by index.
/// </summary>
public sealed record IngestionResult<TOutcome>(IReadOnlyList<TOutcome> Items, IReadOnlyList<IngestionError> Errors)
{
    public bool Accepted => Errors.Count == 0;

    /// <summary>
    /// False when the items are stored but a listener (the risk pipeline) failed on them. Statements have no pending
    /// mark for recovery to find, so the sender is told to send them again; transactions are recovered and keep true.
    /// </summary>
    public bool ListenersSucceeded { get; init; } = true;

    public static IngestionResult<TOutcome> Refused(IEnumerable<IngestionError> errors) =>
        new([], [.. errors.OrderBy(e => e.Index ?? -1)]);
}

/// <summary>Outcome for one customer; <see cref="Created"/> is false when an existing customer was replaced.</summary>
public sealed record CustomerOutcome(string CustomerId, string Status, DateTimeOffset AcceptedAt, bool Created);

/// <summary>
/// Outcome for one transaction. For a replay of a stored id, <see cref="Duplicate"/> is true and
/// <see cref="AcceptedAt"/> is when the original was accepted.
/// </summary>
public sealed record TransactionOutcome(string TransactionId, string Status, DateTimeOffset AcceptedAt, bool Duplicate)
{
    /// <summary>
    /// A replay whose content differs from the stored transaction's (amount, time, merchant…): the stored one is kept,
    /// as for any replay, and the sender is told so that a reused id does not pass for an accepted correction.
    /// </summary>
    public bool DiffersFromStored { get; init; }
}

/// <summary>Outcome for one statement (inserted or replaced by customer and statement date).</summary>
public sealed record StatementOutcome(string CustomerId, DateOnly StatementDate, string Status, DateTimeOffset AcceptedAt);

/// <summary>Status strings used in outcomes.</summary>
public static class OutcomeStatus
{
    public const string Accepted = "accepted";
}
