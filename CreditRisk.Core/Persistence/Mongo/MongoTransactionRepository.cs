using CreditRisk.Core.Transactions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoTransactionRepository(IMongoDatabase database) : ITransactionRepository
{
    public const string CollectionName = "transactions";

    private readonly IMongoCollection<Transaction> _transactions = database.GetCollection<Transaction>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _transactions.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<Transaction>(
                    Builders<Transaction>.IndexKeys.Ascending(t => t.CustomerId).Ascending(t => t.Timestamp)),
                // Recovery looks for transactions the risk pipeline has not applied yet (appliedAt null).
                new CreateIndexModel<Transaction>(
                    Builders<Transaction>.IndexKeys.Ascending(t => t.AppliedAt).Ascending(t => t.CustomerId)),
            ],
            ct);

    public async Task<IReadOnlyList<Transaction>> InsertNewAsync(IReadOnlyCollection<Transaction> transactions, CancellationToken ct = default)
    {
        // First occurrence wins inside one batch, as it would across batches.
        var distinct = transactions.DistinctBy(t => t.Id, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        // A plain inclusion projection: expression projections need MongoDB 4.4+ and the test server lacks them.
        var existing = await _transactions
            .Find(Builders<Transaction>.Filter.In(t => t.Id, distinct.Select(t => t.Id)))
            .Project(Builders<Transaction>.Projection.Include(t => t.Id))
            .ToListAsync(ct);
        var existingIds = existing.Select(d => d["_id"].AsString).ToHashSet(StringComparer.Ordinal);
        return await MongoInserts.InsertNewAsync(_transactions, [.. distinct.Where(t => !existingIds.Contains(t.Id))], ct);
    }

    public async Task<IReadOnlyDictionary<string, Transaction>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, Transaction>();
        }

        var found = await _transactions.Find(Builders<Transaction>.Filter.In(t => t.Id, ids.Distinct())).ToListAsync(ct);
        return found.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Transaction>> ListForCustomerAsync(
        string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        if (from >= to)
        {
            return [];
        }

        var filter = Builders<Transaction>.Filter.Eq(t => t.CustomerId, customerId)
            & Builders<Transaction>.Filter.Gte(t => t.Timestamp, from)
            & Builders<Transaction>.Filter.Lt(t => t.Timestamp, to);
        return await _transactions.Find(filter)
            .SortBy(t => t.Timestamp).ThenBy(t => t.Id)
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Transaction>> ListRecentForCustomerAsync(string customerId, int skip, int take, CancellationToken ct = default) =>
        take <= 0 ? [] : await _transactions.Find(t => t.CustomerId == customerId)
            .SortByDescending(t => t.Timestamp).ThenByDescending(t => t.Id)
            .Skip(Math.Max(0, skip))
            .Limit(take)
            .ToListAsync(ct);

    public async Task<TransactionPage> QueryForCustomerAsync(
        string customerId, TransactionFilter filter, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From is { } from && filter.To is { } to && from >= to)
        {
            return new TransactionPage([], 0);
        }

        var builder = Builders<Transaction>.Filter;
        var query = builder.Eq(t => t.CustomerId, customerId);
        if (filter.From is { } lower)
        {
            query &= builder.Gte(t => t.Timestamp, lower);
        }

        if (filter.To is { } upper)
        {
            query &= builder.Lt(t => t.Timestamp, upper);
        }

        if (filter.Type is { } type)
        {
            query &= builder.Eq(t => t.Type, type);
        }

        var total = await _transactions.CountDocumentsAsync(query, cancellationToken: ct);
        var items = take <= 0 ? [] : await _transactions.Find(query)
            .SortByDescending(t => t.Timestamp).ThenByDescending(t => t.Id)
            .Skip(Math.Max(0, skip))
            .Limit(take)
            .ToListAsync(ct);
        return new TransactionPage(items, total);
    }

    public Task<long> CountAsync(CancellationToken ct = default) =>
        _transactions.CountDocumentsAsync(FilterDefinition<Transaction>.Empty, cancellationToken: ct);

    public async Task MarkAppliedAsync(IReadOnlyCollection<string> ids, DateTimeOffset at, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var filter = Builders<Transaction>.Filter.In(t => t.Id, ids.Distinct())
            & Builders<Transaction>.Filter.Eq(t => t.AppliedAt, null);
        await _transactions.UpdateManyAsync(filter, Builders<Transaction>.Update.Set(t => t.AppliedAt, at), cancellationToken: ct);
    }

    public async Task<IReadOnlyList<string>> ListPendingCustomerIdsAsync(
        DateTimeOffset receivedBefore, string? afterCustomerId, int take, CancellationToken ct = default)
    {
        if (take <= 0)
        {
            return [];
        }

        // An explicit null only: documents stored before the field existed lack it and count as applied, as in LiteDB.
        var filter = Builders<Transaction>.Filter.Type(t => t.AppliedAt, BsonType.Null)
            & Builders<Transaction>.Filter.Lt(t => t.ReceivedAt, receivedBefore);
        if (afterCustomerId is not null)
        {
            filter &= Builders<Transaction>.Filter.Gt(t => t.CustomerId, afterCustomerId);
        }

        // The pending set is small (what was in flight when a process died), so distinct and page here.
        using var cursor = await _transactions.DistinctAsync(t => t.CustomerId, filter, cancellationToken: ct);
        var ids = await cursor.ToListAsync(ct);
        return [.. ids.Order(StringComparer.Ordinal).Take(take)];
    }
}
