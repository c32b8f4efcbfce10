using CreditRisk.Core.Statements;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoStatementRepository(IMongoDatabase database) : IStatementRepository
{
    public const string CollectionName = "statements";

    /// <summary>Statements the risk pipeline has not applied yet (<see cref="PendingMark"/>): only its backlog.</summary>
    public const string PendingCollectionName = "pending_statements";

    private readonly IMongoCollection<Statement> _statements = database.GetCollection<Statement>(CollectionName);
    private readonly IMongoCollection<PendingMark> _pending = database.GetCollection<PendingMark>(PendingCollectionName);

    public async Task CreateIndexesAsync(CancellationToken ct)
    {
        await _statements.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<Statement>(
                    Builders<Statement>.IndexKeys.Ascending(s => s.CustomerId).Ascending(s => s.StatementDate)),
            ],
            ct);
        await _pending.Indexes.CreateOneAsync(new CreateIndexModel<PendingMark>(Builders<PendingMark>.IndexKeys.Ascending(p => p.CustomerId)), cancellationToken: ct);
    }

    public async Task UpsertManyAsync(IReadOnlyCollection<Statement> statements, CancellationToken ct = default)
    {
        if (statements.Count == 0)
        {
            return;
        }

        // The marks first: without a multi-document transaction, a crash in between leaves a mark whose statement is
        // the old copy (or none), which costs a rebuild; the other order could leave a statement no one applies.
        var marks = statements
            .Select(s => new ReplaceOneModel<PendingMark>(Builders<PendingMark>.Filter.Eq(p => p.Id, s.Id), PendingMark.Of(PendingStatement.Of(s))) { IsUpsert = true })
            .ToList();
        await _pending.BulkWriteAsync(marks, new BulkWriteOptions { IsOrdered = true }, ct);
        var writes = statements
            .Select(s => new ReplaceOneModel<Statement>(Builders<Statement>.Filter.Eq(x => x.Id, s.Id), s) { IsUpsert = true })
            .ToList();
        await _statements.BulkWriteAsync(writes, new BulkWriteOptions { IsOrdered = true }, ct);
    }

    public async Task<IReadOnlyList<PendingStatement>> ListPendingAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return [];
        }

        var found = await _pending.Find(Builders<PendingMark>.Filter.In(p => p.CustomerId, customerIds.Distinct())).ToListAsync(ct);
        return [.. found.Select(p => p.ToPending())];
    }

    public async Task MarkAppliedAsync(IReadOnlyCollection<PendingStatement> applied, CancellationToken ct = default)
    {
        if (applied.Count == 0)
        {
            return;
        }

        var deletes = applied
            .Select(a => new DeleteOneModel<PendingMark>(
                Builders<PendingMark>.Filter.Eq(p => p.Id, a.Id) & Builders<PendingMark>.Filter.Lte(p => p.ReceivedMs, a.ReceivedAt.ToUnixTimeMilliseconds())))
            .ToList();
        await _pending.BulkWriteAsync(deletes, new BulkWriteOptions { IsOrdered = false }, ct);
    }

    public async Task<IReadOnlyList<string>> ListPendingCustomerIdsAsync(
        DateTimeOffset receivedBefore, string? afterCustomerId, int take, CancellationToken ct = default)
    {
        if (take <= 0)
        {
            return [];
        }

        var filter = Builders<PendingMark>.Filter.Lt(p => p.ReceivedMs, receivedBefore.ToUnixTimeMilliseconds());
        if (afterCustomerId is not null)
        {
            filter &= Builders<PendingMark>.Filter.Gt(p => p.CustomerId, afterCustomerId);
        }

        // The pending set is small (what was in flight when a process died), so distinct and page here.
        using var cursor = await _pending.DistinctAsync(p => p.CustomerId, filter, cancellationToken: ct);
        var ids = await cursor.ToListAsync(ct);
        return [.. ids.Order(StringComparer.Ordinal).Take(take)];
    }

    /// <summary>A pending statement as stored: the receipt time in Unix milliseconds, compared as the other stores do.</summary>
    internal sealed record PendingMark
    {
        public required string Id { get; init; }

        public required string CustomerId { get; init; }

        public required long ReceivedMs { get; init; }

        public static PendingMark Of(PendingStatement statement) =>
            new() { Id = statement.Id, CustomerId = statement.CustomerId, ReceivedMs = statement.ReceivedAt.ToUnixTimeMilliseconds() };

        public PendingStatement ToPending() => new(Id, CustomerId, DateTimeOffset.FromUnixTimeMilliseconds(ReceivedMs));
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
