using CreditRisk.Core.Statements;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoStatementRepository(IMongoDatabase database) : IStatementRepository
{
    public const string CollectionName = "statements";

    private readonly IMongoCollection<Statement> _statements = database.GetCollection<Statement>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _statements.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<Statement>(
                    Builders<Statement>.IndexKeys.Ascending(s => s.CustomerId).Ascending(s => s.StatementDate)),
            ],
            ct);

    public async Task UpsertManyAsync(IReadOnlyCollection<Statement> statements, CancellationToken ct = default)
    {
        if (statements.Count == 0)
        {
            return;
        }

        var writes = statements
            .Select(s => new ReplaceOneModel<Statement>(Builders<Statement>.Filter.Eq(x => x.Id, s.Id), s) { IsUpsert = true })
            .ToList();
        await _statements.BulkWriteAsync(writes, new BulkWriteOptions { IsOrdered = true }, ct);
    }

    public async Task<IReadOnlyList<Statement>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default)
    {
        if (take <= 0)
        {
            return [];
        }

        var newestFirst = await _statements.Find(s => s.CustomerId == customerId)
            .SortByDescending(s => s.StatementDate)
            .Limit(take)
            .ToListAsync(ct);
        newestFirst.Reverse();
        return newestFirst;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Statement>>> ListForCustomersAsync(
        IReadOnlyCollection<string> customerIds, int takeEach, CancellationToken ct = default)
    {
        if (takeEach <= 0 || customerIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<Statement>>(StringComparer.Ordinal);
        }

        // One query on the customer+date index; a customer has one statement a month, so their rows are few.
        var found = await _statements.Find(Builders<Statement>.Filter.In(s => s.CustomerId, customerIds.Distinct())).ToListAsync(ct);
        return found
            .GroupBy(s => s.CustomerId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<Statement>)g.OrderBy(s => s.StatementDate).TakeLast(takeEach).ToList(),
                StringComparer.Ordinal);
    }

    public Task<long> CountAsync(CancellationToken ct = default) =>
        _statements.CountDocumentsAsync(FilterDefinition<Statement>.Empty, cancellationToken: ct);
}
