using CreditRisk.Core.Customers;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>Customers, kept in memory once read or written: every ingest batch looks its customers up twice.</summary>
internal sealed class LiteDbCustomerRepository(LiteDbContext db) : ICustomerRepository
{
    /// <summary>Customers kept in memory (about 300 bytes each).</summary>
    private const int CacheCapacity = 500_000;

    private readonly ILiteCollection<BsonDocument> _customers = db.Collection(LiteDbCollections.Customers);
    private readonly ReadThroughCache<Customer> _cache = new(CacheCapacity);

    public void EnsureIndexes() => _customers.EnsureIndex("Phone", "$.Phone");

    public Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default) => Run(() =>
    {
        if (customers.Count == 0)
        {
            return;
        }

        var documents = ToDocuments(customers);

        // The cache is set before the gate is let go: set after, two writers could set it in the other order than they
        // committed, and it would keep the older customer for good.
        lock (db.WriteGate)
        {
            db.InTransaction(() => UpsertInTransaction(documents));
            Committed(documents);
        }
    }, ct);

    /// <summary>The documents <see cref="UpsertInTransaction"/> writes; made before the write gate is taken.</summary>
    internal List<BsonDocument> ToDocuments(IReadOnlyCollection<Customer> customers) => customers.Select(db.ToDocument).ToList();

    /// <summary>
    /// Inside the caller's transaction: stores the documents. Call <see cref="Committed"/> once it commits. Customers a
    /// read found absent are inserted without the lookup an upsert makes first, unless <paramref name="upsertAll"/>
    /// (the caller's second try, after a key turned out to be taken).
    /// </summary>
    internal void UpsertInTransaction(List<BsonDocument> documents, bool upsertAll = true)
    {
        if (documents.Count == 0)
        {
            return;
        }

        if (upsertAll)
        {
            _customers.Upsert(documents);
            return;
        }

        var absent = documents.ToLookup(d => IsKnownAbsent(d["_id"].AsString));
        _customers.Insert(absent[true]);
        _customers.Upsert(absent[false]);
    }

    /// <summary>Whether a read found no customer <paramref name="id"/> and none was written since (see <see cref="ReadThroughCache{T}"/>).</summary>
    internal bool IsKnownAbsent(string id) => _cache.IsKnownAbsent(id);

    /// <summary>
    /// After the commit, still holding <see cref="LiteDbContext.WriteGate"/> (so caches follow commits in order): keeps
    /// what a read would now return (times kept to the millisecond), not the caller's object.
    /// </summary>
    internal void Committed(List<BsonDocument> documents)
    {
        foreach (var document in documents)
        {
            _cache.Set(document["_id"].AsString, db.ToEntity<Customer>(document));
        }
    }

    public Task<Customer?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => FindMany([id]).GetValueOrDefault(id), ct);

    public Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, Customer>>(() => FindMany(ids), ct);

    public Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default) =>
        Run(() => _customers.Find(Query.EQ("Phone", phone)).Select(db.ToEntity<Customer>).MinBy(c => c.Id, StringComparer.Ordinal), ct);

    public Task<long> CountAsync(CancellationToken ct = default) => Run(() => _customers.LongCount(), ct);

    // One expression (a scan): the store's collation compares case-sensitively, so the name is lowered on both sides,
    // and the text is a parameter, never part of the expression. Combining indexed and unindexed parts with Query.Or
    // lost the unindexed matches.
    public Task<IReadOnlyList<Customer>> SearchAsync(string text, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Customer>>(() =>
        {
            var term = text.Trim();
            if (term.Length == 0 || take <= 0)
            {
                return [];
            }

            return _customers.Query()
                .Where(BsonExpression.Create(
                    "INDEXOF($._id, @0) = 0 OR INDEXOF(LOWER($.FullName), @1) >= 0 OR INDEXOF($.Phone, @0) >= 0",
                    new BsonValue(term),
                    new BsonValue(term.ToLowerInvariant())))
                .OrderBy("_id")
                .Limit(take)
                .ToEnumerable()
                .Select(db.ToEntity<Customer>)
                .ToList();
        }, ct);

    public Task<IReadOnlyList<string>> ListIdsAsync(string? afterId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<string>>(() =>
        {
            var query = _customers.Query();
            if (afterId is not null)
            {
                query = query.Where(Query.GT("_id", afterId));
            }

            return query.OrderBy("_id").Select("{ id: $._id }").Limit(take).ToEnumerable()
                .Select(doc => doc["id"].AsString)
                .ToList();
        }, ct);

    private Dictionary<string, Customer> FindMany(IReadOnlyCollection<string> ids) =>
        _cache.GetMany(ids, missing => FindByIds(_customers, missing).ToDictionary(e => e.Key, e => db.ToEntity<Customer>(e.Value), StringComparer.Ordinal));
}
