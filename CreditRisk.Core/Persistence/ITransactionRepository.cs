using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Persistence;

public interface ITransactionRepository
{
    /// <summary>
    /// Stores the transactions whose ids are not stored yet and returns exactly those; existing ids are left untouched
    /// (idempotent replays). Safe to call again with the same input after a crash. When one id occurs twice in the batch,
    /// the first occurrence wins.
    /// </summary>
    Task<IReadOnlyList<Transaction>> InsertNewAsync(IReadOnlyCollection<Transaction> transactions, CancellationToken ct = default);

    /// <summary>The stored transactions among <paramref name="ids"/>, keyed by id.</summary>
    Task<IReadOnlyDictionary<string, Transaction>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default);

    /// <summary>
    /// The ids among <paramref name="ids"/> of stored transactions already applied (<see cref="Transaction.AppliedAt"/>
    /// set); unknown and pending ids are left out. The risk pipeline's check, under its customer locks, that a recovery
    /// did not absorb a batch between its insert and its run.
    /// </summary>
    async Task<IReadOnlySet<string>> ListAppliedAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        var stored = await GetManyAsync(ids, ct).ConfigureAwait(false);
        return stored.Values.Where(t => t.AppliedAt is not null).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A customer's transactions with <paramref name="from"/> ≤ timestamp &lt; <paramref name="to"/>, oldest first.</summary>
    Task<IReadOnlyList<Transaction>> ListForCustomerAsync(
        string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>A customer's most recent transactions, newest first.</summary>
    Task<IReadOnlyList<Transaction>> ListRecentForCustomerAsync(string customerId, int skip, int take, CancellationToken ct = default);

    /// <summary>
    /// One page of a customer's transactions matching <paramref name="filter"/>, newest first (ties by id, descending),
    /// with the number matching in all. Served from the customer-then-time index.
    /// </summary>
    Task<TransactionPage> QueryForCustomerAsync(
        string customerId, TransactionFilter filter, int skip, int take, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);

    /// <summary>
    /// Sets <see cref="Transaction.AppliedAt"/> to <paramref name="at"/> on the stored transactions among
    /// <paramref name="ids"/> that are not applied yet; an already applied one keeps its time, unknown ids are ignored.
    /// </summary>
    Task MarkAppliedAsync(IReadOnlyCollection<string> ids, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Ids of the customers having at least one transaction not applied yet (<see cref="Transaction.AppliedAt"/> null)
    /// received strictly before <paramref name="receivedBefore"/>: distinct, in ascending ordinal order, only those
    /// after <paramref name="afterCustomerId"/> (keyset paging; null = from the start), at most <paramref name="take"/>.
    /// Transactions stored before <see cref="Transaction.AppliedAt"/> existed count as applied.
    /// </summary>
    Task<IReadOnlyList<string>> ListPendingCustomerIdsAsync(
        DateTimeOffset receivedBefore, string? afterCustomerId, int take, CancellationToken ct = default);
}
