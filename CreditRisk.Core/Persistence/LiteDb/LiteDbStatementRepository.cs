using CreditRisk.Core.Statements;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbStatementRepository(LiteDbContext db) : IStatementRepository
{
    private const string ReceivedMs = "ReceivedMs";

    private readonly ILiteCollection<BsonDocument> _statements = db.Collection(LiteDbCollections.Statements);

    // A collection of its own, written in the same transaction: it holds only the pipeline's backlog.
    private readonly ILiteCollection<BsonDocument> _pending = db.Collection(LiteDbCollections.PendingStatements);

    public void EnsureIndexes()
    {
        _statements.EnsureIndex("CustomerId", "$.CustomerId");
        _pending.EnsureIndex("CustomerId", "$.CustomerId");
    }

    public Task UpsertManyAsync(IReadOnlyCollection<Statement> statements, CancellationToken ct = default) => Run(() =>
    {
        if (statements.Count == 0)
        {
            return;
        }

        var documents = statements.Select(db.ToDocument).ToList();
        var pending = statements.Select(s => PendingDocument(PendingStatement.Of(s))).ToList();
        db.InTransaction(() =>
        {
            _statements.Upsert(documents);
            _pending.Upsert(pending);
        });
    }, ct);

    public Task<IReadOnlyList<PendingStatement>> ListPendingAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyList<PendingStatement>>(() => customerIds.Count == 0 ? [] :
            _pending.Find(Query.In("CustomerId", customerIds.Distinct().Select(id => new BsonValue(id)))).Select(ToPending).ToList(), ct);

    public Task MarkAppliedAsync(IReadOnlyCollection<PendingStatement> applied, CancellationToken ct = default) => Run(() =>
    {
        if (applied.Count == 0)
        {
            return;
        }

        db.InTransaction(() =>
        {
            foreach (var statement in applied)
            {
                if (_pending.FindById(statement.Id) is { } doc && doc[ReceivedMs].AsInt64 <= statement.ReceivedAt.ToUnixTimeMilliseconds())
                {
                    _pending.Delete(statement.Id);
                }
            }
        });
    }, ct);

    public Task<IReadOnlyList<string>> ListPendingCustomerIdsAsync(
        DateTimeOffset receivedBefore, string? afterCustomerId, int take, CancellationToken ct = default) =>
        Run<IReadOnlyList<string>>(() =>
        {
            var before = receivedBefore.ToUnixTimeMilliseconds();
            return take <= 0 ? [] : _pending.Query()
                .Where(Query.GT("CustomerId", afterCustomerId ?? ""))
                .OrderBy("CustomerId")
                .ToEnumerable()
                .Where(doc => doc[ReceivedMs].AsInt64 < before)
                .Select(doc => doc["CustomerId"].AsString)
                .Distinct(StringComparer.Ordinal)
                .Take(take)
                .ToList();
        }, ct);

    private static BsonDocument PendingDocument(PendingStatement statement) => new()
    {
        ["_id"] = statement.Id,
        ["CustomerId"] = statement.CustomerId,
        [ReceivedMs] = statement.ReceivedAt.ToUnixTimeMilliseconds(),
    };

    private static PendingStatement ToPending(BsonDocument doc) =>
        new(doc["_id"].AsString, doc["CustomerId"].AsString, DateTimeOffset.FromUnixTimeMilliseconds(doc[ReceivedMs].AsInt64));

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
