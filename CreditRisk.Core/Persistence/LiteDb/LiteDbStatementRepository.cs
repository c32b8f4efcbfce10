using CreditRisk.Core.Statements;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbStatementRepository(LiteDbContext db) : IStatementRepository
{
    private readonly ILiteCollection<BsonDocument> _statements = db.Collection(LiteDbCollections.Statements);

    public void EnsureIndexes() => _statements.EnsureIndex("CustomerId", "$.CustomerId");

    public Task UpsertManyAsync(IReadOnlyCollection<Statement> statements, CancellationToken ct = default) => Run(() =>
    {
        if (statements.Count == 0)
        {
            return;
        }

        var documents = statements.Select(db.ToDocument).ToList();
        db.InTransaction(() => _statements.Upsert(documents));
    }, ct);

    public Task<IReadOnlyList<Statement>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<Statement>>(() =>
        {
            // A customer has one statement a month: sorting them in memory is cheaper than another index.
            var all = _statements.Find(Query.EQ("CustomerId", customerId))
                .Select(db.ToEntity<Statement>)
                .OrderBy(s => s.StatementDate)
                .ToList();
            return take <= 0 ? [] : all.Skip(Math.Max(0, all.Count - take)).ToList();
        }, ct);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Statement>>> ListForCustomersAsync(
        IReadOnlyCollection<string> customerIds, int takeEach, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, IReadOnlyList<Statement>>>(() =>
        {
            if (takeEach <= 0 || customerIds.Count == 0)
            {
                return new Dictionary<string, IReadOnlyList<Statement>>(StringComparer.Ordinal);
            }

            // One pass over the customer index for the whole page; each customer's few statements are sorted in memory.
            return _statements.Find(Query.In("CustomerId", customerIds.Distinct().Select(id => new BsonValue(id))))
                .Select(db.ToEntity<Statement>)
                .GroupBy(s => s.CustomerId, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => (IReadOnlyList<Statement>)g.OrderBy(s => s.StatementDate).TakeLast(takeEach).ToList(),
                    StringComparer.Ordinal);
        }, ct);

    public Task<long> CountAsync(CancellationToken ct = default) => Run(() => _statements.LongCount(), ct);
}
