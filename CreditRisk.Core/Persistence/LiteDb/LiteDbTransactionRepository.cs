using CreditRisk.Core.Transactions;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// Transactions keyed by the bank's id (the idempotency key), indexed by customer then time, and (only while not yet
/// applied by the risk pipeline) by customer then receipt time.
/// </summary>
internal sealed class LiteDbTransactionRepository(LiteDbContext db) : ITransactionRepository
{
    private const string Key = LiteDbCollections.CustomerTimeKey;
    private const int MaxInsertAttempts = 3;
    private const string PendingKey = LiteDbCollections.PendingKey;

    private readonly ILiteCollection<BsonDocument> _transactions = db.Collection(LiteDbCollections.Transactions);

    /// <summary>Most pending documents remembered for <see cref="MarkAppliedAsync"/>; beyond it, they are read back.</summary>
    private const int MaxRememberedPending = 100_000;

    // Check-then-insert must not interleave with another batch carrying the same ids.
    private readonly Lock _insertLock = new();

    /// <summary>
    /// The documents this process inserted as pending, by id, until marked applied (guarded by <see cref="_insertLock"/>):
    /// the pipeline marks them a moment after inserting them, and updating the inserted document saves reading it
    /// back. Only this repository writes transaction documents, and the file is this process's alone, so a
    /// remembered document is the stored one.
    /// </summary>
    private readonly Dictionary<string, BsonDocument> _pending = new(StringComparer.Ordinal);

    public void EnsureIndexes()
    {
        _transactions.EnsureIndex(Key, "$." + Key);
        _transactions.EnsureIndex(PendingKey, "$." + PendingKey);
    }

    public Task<IReadOnlyList<Transaction>> InsertNewAsync(IReadOnlyCollection<Transaction> transactions, CancellationToken ct = default) =>
        Run<IReadOnlyList<Transaction>>(() =>
        {
            if (transactions.Count == 0)
            {
                return [];
            }

            lock (_insertLock)
            {
                // The unique id stays the authority: should an id stored meanwhile still reach the insert, LiteDB rolls
                // the whole batch back and it is sorted again against what is stored now.
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return InsertFresh(transactions);
                    }
                    catch (LiteException ex) when (IsDuplicateKey(ex) && attempt < MaxInsertAttempts)
                    {
                        // Nothing was stored: the next attempt reads again.
                    }
                }
            }
        }, ct);

    public Task<IReadOnlyDictionary<string, Transaction>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, Transaction>>(() =>
        {
            var found = new Dictionary<string, Transaction>(StringComparer.Ordinal);
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (_transactions.FindById(id) is { } doc)
                {
                    found[id] = db.ToEntity<Transaction>(doc);
                }
            }

            return found;
        }, ct);

    /// <summary>
    /// A transaction this process inserted and has not marked yet is pending without a read: the pipeline asks right
    /// after the insert, so the answer usually costs no document read and no mapping.
    /// </summary>
    public Task<IReadOnlySet<string>> ListAppliedAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Run<IReadOnlySet<string>>(() =>
        {
            var applied = new HashSet<string>(StringComparer.Ordinal);
            lock (_insertLock)
            {
                foreach (var id in ids)
                {
                    if (!_pending.ContainsKey(id)
                        && _transactions.FindById(id) is { } doc
                        && !doc.ContainsKey(PendingKey)
                        && !doc[nameof(Transaction.AppliedAt)].IsNull)
                    {
                        applied.Add(id);
                    }
                }
            }

            return applied;
        }, ct);

    /// <summary>
    /// The ids among <paramref name="ids"/> still waiting for the risk pipeline (carrying the pending key), for the
    /// migration to SQLite: a document with no applied time and no pending key predates the applied marker and counts
    /// as applied.
    /// </summary>
    internal IReadOnlySet<string> ListPending(IEnumerable<string> ids) =>
        ids.Where(id => _transactions.FindById(id) is { } doc && doc.ContainsKey(PendingKey)).ToHashSet(StringComparer.Ordinal);

    public Task<IReadOnlyList<Transaction>> ListForCustomerAsync(
        string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        Run<IReadOnlyList<Transaction>>(() =>
        {
            if (from >= to)
            {
                return [];
            }

            // Keys at exactly `to` carry a "␟id" suffix, so they sort above the bare bound and stay excluded.
            return _transactions.Query()
                .Where(Query.Between(Key, LiteDbKeys.From(customerId, from), LiteDbKeys.From(customerId, to)))
                .OrderBy(Key)
                .ToEnumerable()
                .Select(db.ToEntity<Transaction>)
                .ToList();
        }, ct);

    public Task<IReadOnlyList<Transaction>> ListRecentForCustomerAsync(string customerId, int skip, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Transaction>>(() => _transactions.Query()
            .Where(Query.Between(Key, LiteDbKeys.First(customerId), LiteDbKeys.Last(customerId)))
            .OrderByDescending(Key)
            .Skip(skip)
            .Limit(take)
            .ToEnumerable()
            .Select(db.ToEntity<Transaction>)
            .ToList(), ct);

    public Task<TransactionPage> QueryForCustomerAsync(
        string customerId, TransactionFilter filter, int skip, int take, CancellationToken ct = default) =>
        Run(() =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            if (filter.From is { } from && filter.To is { } to && from >= to)
            {
                return new TransactionPage([], 0);
            }

            // The time bounds ride the customer-then-time index; the type is checked per document, which stays within
            // one customer's range.
            var lower = filter.From is { } f ? LiteDbKeys.From(customerId, f) : LiteDbKeys.First(customerId);
            var upper = filter.To is { } t ? LiteDbKeys.From(customerId, t) : LiteDbKeys.Last(customerId);
            var query = _transactions.Query().Where(Query.Between(Key, lower, upper));
            if (filter.Type is { } type)
            {
                query = query.Where(Query.EQ(nameof(Transaction.Type), type.ToString()));
            }

            var total = query.LongCount();
            var items = take <= 0
                ? []
                : query.OrderByDescending(Key)
                    .Skip(Math.Max(0, skip))
                    .Limit(take)
                    .ToEnumerable()
                    .Select(db.ToEntity<Transaction>)
                    .ToList();
            return new TransactionPage(items, total);
        }, ct);

    public Task<long> CountAsync(CancellationToken ct = default) => Run(() => _transactions.LongCount(), ct);

    /// <summary>
    /// Inserts the batch's new transactions. Most batches are all new, so the insert is tried first with no lookup;
    /// only when the unique id refuses it (and LiteDB has rolled the attempt back) are the stored ids looked up.
    /// </summary>
    private List<Transaction> InsertFresh(IReadOnlyCollection<Transaction> transactions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = transactions.Where(t => seen.Add(t.Id)).ToList();
        var documents = distinct.Select(ToDocument).ToList();
        try
        {
            db.InTransaction(() => _transactions.Insert(documents));
        }
        catch (LiteException ex) when (IsDuplicateKey(ex))
        {
            var fresh = distinct.Where(t => _transactions.FindById(t.Id) is null).ToList();
            documents = [.. fresh.Select(ToDocument)];
            db.InTransaction(() => _transactions.Insert(documents));
            Remember(documents);
            return fresh;
        }

        Remember(documents);
        return distinct;
    }

    private void Remember(List<BsonDocument> documents)
    {
        foreach (var doc in documents)
        {
            if (_pending.Count >= MaxRememberedPending)
            {
                return;
            }

            if (doc.ContainsKey(PendingKey))
            {
                _pending[doc["_id"].AsString] = doc;
            }
        }
    }

    public Task MarkAppliedAsync(IReadOnlyCollection<string> ids, DateTimeOffset at, CancellationToken ct = default) => Run(() =>
    {
        if (ids.Count == 0)
        {
            return;
        }

        // Read-then-write per document, like the insert: the same lock keeps the two from interleaving.
        lock (_insertLock)
        {
            db.InTransaction(() =>
            {
                // Edits the stored document in place: mapping every transaction to a record and back costs more than the write.
                var appliedAt = db.Mapper.Serialize(typeof(DateTimeOffset), at);
                foreach (var id in ids.Distinct(StringComparer.Ordinal))
                {
                    var doc = _pending.Remove(id, out var remembered) ? remembered : _transactions.FindById(id);
                    if (doc is not null && doc.ContainsKey(PendingKey))
                    {
                        doc.Remove(PendingKey);
                        doc[nameof(Transaction.AppliedAt)] = appliedAt;
                        _transactions.Update(doc);
                    }
                }
            });
        }
    }, ct);

    public Task<IReadOnlyList<string>> ListPendingCustomerIdsAsync(
        DateTimeOffset receivedBefore, string? afterCustomerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<string>>(() =>
        {
            if (take <= 0)
            {
                return [];
            }

            // Only pending documents carry the key, so this walks the (normally tiny) pending set in customer order.
            // Every key of a customer after `afterCustomerId` sorts above "afterCustomerId␟~".
            var from = afterCustomerId is null ? LiteDbKeys.Separator.ToString() : LiteDbKeys.Last(afterCustomerId);
            var found = new List<string>(Math.Min(take, 1_024));
            var cutoff = LiteDbKeys.Time(receivedBefore);
            foreach (var doc in _transactions.Query()
                .Where(Query.GT(PendingKey, from))
                .OrderBy(PendingKey)
                .ToEnumerable())
            {
                var parts = doc[PendingKey].AsString.Split(LiteDbKeys.Separator);
                var customerId = parts[0];
                if (string.CompareOrdinal(parts[1], cutoff) < 0 && (found.Count == 0 || found[^1] != customerId))
                {
                    found.Add(customerId);
                    if (found.Count == take)
                    {
                        break;
                    }
                }
            }

            return found;
        }, ct);

    private BsonDocument ToDocument(Transaction transaction)
    {
        var doc = db.ToDocument(transaction);
        doc[Key] = LiteDbKeys.OwnerTime(transaction.CustomerId, transaction.Timestamp, transaction.Id);
        if (transaction.AppliedAt is null)
        {
            doc[PendingKey] = LiteDbKeys.OwnerTime(transaction.CustomerId, transaction.ReceivedAt, transaction.Id);
        }

        return doc;
    }
}
