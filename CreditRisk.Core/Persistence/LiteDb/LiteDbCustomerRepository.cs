using CreditRisk.Core.Customers;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbCustomerRepository(LiteDbContext db) : ICustomerRepository
{
    private readonly ILiteCollection<BsonDocument> _customers = db.Collection(LiteDbCollections.Customers);

    public void EnsureIndexes() => _customers.EnsureIndex("Phone", "$.Phone");

    public Task UpsertManyAsync(IReadOnlyCollection<Customer> customers, CancellationToken ct = default) => Run(() =>
    {
        if (customers.Count == 0)
        {
            return;
        }

        var documents = customers.Select(db.ToDocument).ToList();
        db.InTransaction(() => _customers.Upsert(documents));
    }, ct);

    public Task<Customer?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => _customers.FindById(id) is { } doc ? db.ToEntity<Customer>(doc) : null, ct);

    public Task<IReadOnlyDictionary<string, Customer>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, Customer>>(() => FindMany(ids), ct);

    public Task<Customer?> FindByPhoneAsync(string phone, CancellationToken ct = default) =>
        Run(() => _customers.FindOne(Query.EQ("Phone", phone)) is { } doc ? db.ToEntity<Customer>(doc) : null, ct);

    public Task<long> CountAsync(CancellationToken ct = default) => Run(() => _customers.LongCount(), ct);

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

    private Dictionary<string, Customer> FindMany(IReadOnlyCollection<string> ids)
    {
        var found = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (_customers.FindById(id) is { } doc)
            {
                found[id] = db.ToEntity<Customer>(doc);
            }
        }

        return found;
    }
}
