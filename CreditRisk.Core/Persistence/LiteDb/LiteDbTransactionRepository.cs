using CreditRisk.Core.Transactions;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>Transactions keyed by the bank's id (the idempotency key), indexed by customer then time.</summary>
internal sealed class LiteDbTransactionRepository(LiteDbContext db) : ITransactionRepository
{
    private const string Key = LiteDbCollections.CustomerTimeKey;
    private const int MaxInsertAttempts = 3;

    private readonly ILiteCollection<BsonDocument> _transactions = db.Collection(LiteDbCollections.Transactions);

    // Check-then-insert must not interleave with another batch carrying the same ids.
    private readonly Lock _insertLock = new();

    public void EnsureIndexes() => _transactions.EnsureIndex(Key, "$." + Key);

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
                        return db.InTransaction(() => InsertFresh(transactions));
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

    public Task<long> CountAsync(CancellationToken ct = default) => Run(() => _transactions.LongCount(), ct);

    private List<Transaction> InsertFresh(IReadOnlyCollection<Transaction> transactions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fresh = transactions
            .Where(t => seen.Add(t.Id) && _transactions.FindById(t.Id) is null)
            .ToList();
        _transactions.Insert(fresh.Select(ToDocument));
        return fresh;
    }

    private BsonDocument ToDocument(Transaction transaction)
    {
        var doc = db.ToDocument(transaction);
        doc[Key] = LiteDbKeys.OwnerTime(transaction.CustomerId, transaction.Timestamp, transaction.Id);
        return doc;
    }
}
