using CreditRisk.Core.Statements;

namespace CreditRisk.Core.Persistence;

public interface IStatementRepository
{
    /// <summary>
    /// Inserts or replaces statements by <see cref="Statement.Id"/> (customer + statement date), in one bulk write. Each
    /// is pending (<see cref="ListPendingAsync"/>) until <see cref="MarkAppliedAsync"/> says the pipeline applied that
    /// receipt, so a crash or a failed run between storing and applying leaves a trace for recovery. A store that
    /// cannot write both at once writes the pending mark first: a mark without its statement only costs a rebuild.
    /// </summary>
    Task UpsertManyAsync(IReadOnlyCollection<Statement> statements, CancellationToken ct = default);

    /// <summary>The pending statements of <paramref name="customerIds"/>, in no particular order.</summary>
    Task<IReadOnlyList<PendingStatement>> ListPendingAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default);

    /// <summary>
    /// Clears the pending mark of each statement in <paramref name="applied"/> unless it was received again after the
    /// receipt given (a correction stored meanwhile stays pending). Unknown or already applied ones are ignored.
    /// </summary>
    Task MarkAppliedAsync(IReadOnlyCollection<PendingStatement> applied, CancellationToken ct = default);

    /// <summary>
    /// Ids of the customers having a pending statement received strictly before <paramref name="receivedBefore"/>:
    /// distinct, in ascending ordinal order, only those after <paramref name="afterCustomerId"/> (keyset paging; null =
    /// from the start), at most <paramref name="take"/>. Statements stored before pending marks existed count as applied.
    /// </summary>
    Task<IReadOnlyList<string>> ListPendingCustomerIdsAsync(
        DateTimeOffset receivedBefore, string? afterCustomerId, int take, CancellationToken ct = default);

    /// <summary>A customer's statements, oldest first, at most <paramref name="take"/> of the most recent.</summary>
    Task<IReadOnlyList<Statement>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default);

    /// <summary>
    /// <see cref="ListForCustomerAsync"/> for several customers in one read (a grid page): each customer's statements,
    /// oldest first, at most <paramref name="takeEach"/> of their most recent; customers without any are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Statement>>> ListForCustomersAsync(
        IReadOnlyCollection<string> customerIds, int takeEach, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);
}
