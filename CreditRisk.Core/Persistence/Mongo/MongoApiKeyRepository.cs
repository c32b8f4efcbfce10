using CreditRisk.Core.Identity;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoApiKeyRepository(IMongoDatabase database) : IApiKeyRepository
{
    public const string CollectionName = "apiKeys";

    private readonly IMongoCollection<ApiKey> _keys = database.GetCollection<ApiKey>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _keys.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<ApiKey>(
                    Builders<ApiKey>.IndexKeys.Ascending(k => k.KeyHash),
                    new CreateIndexOptions { Unique = true }),
            ],
            ct);

    public Task AddAsync(ApiKey key, CancellationToken ct = default) =>
        _keys.InsertOneAsync(key, cancellationToken: ct);

    public async Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken ct = default) =>
        await _keys.Find(k => k.KeyHash == keyHash).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default) =>
        await _keys.Find(FilterDefinition<ApiKey>.Empty)
            .SortByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .ToListAsync(ct);

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        // Revoking twice keeps the first revocation time.
        var filter = Builders<ApiKey>.Filter.Eq(k => k.Id, id) & Builders<ApiKey>.Filter.Eq(k => k.RevokedAt, null);
        var result = await _keys.UpdateOneAsync(filter, Builders<ApiKey>.Update.Set(k => k.RevokedAt, at), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    // Requests finish out of order; the last-used time only moves forward.
    public Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct = default) =>
        _keys.UpdateOneAsync(
            Builders<ApiKey>.Filter.Eq(k => k.Id, id)
                & (Builders<ApiKey>.Filter.Eq(k => k.LastUsedAt, null) | Builders<ApiKey>.Filter.Lt(k => k.LastUsedAt, at)),
            Builders<ApiKey>.Update.Set(k => k.LastUsedAt, at),
            cancellationToken: ct);
}
