using CreditRisk.Core.Identity;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbApiKeyRepository(LiteDbContext db) : IApiKeyRepository
{
    private readonly ILiteCollection<BsonDocument> _keys = db.Collection(LiteDbCollections.ApiKeys);

    public void EnsureIndexes()
    {
        _keys.EnsureIndex("KeyHash", "$.KeyHash", unique: true);
        _keys.EnsureIndex("CreatedAt", "$.CreatedAt");
    }

    public Task AddAsync(ApiKey key, CancellationToken ct = default) => Run(() => db.Write(() => _keys.Insert(db.ToDocument(key))), ct);

    public Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken ct = default) =>
        Run(() => _keys.FindOne(Query.EQ("KeyHash", keyHash)) is { } doc ? db.ToEntity<ApiKey>(doc) : null, ct);

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default) =>
        Run<IReadOnlyList<ApiKey>>(() => _keys.Query()
            .OrderByDescending("CreatedAt")
            .ToEnumerable()
            .Select(db.ToEntity<ApiKey>)
            .ToList(), ct);

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct = default) => Run(() =>
    {
        lock (db.WriteGate)
        {
            if (_keys.FindById(id) is not { } doc || !doc["RevokedAt"].IsNull)
            {
                return false;
            }

            return _keys.Update(db.ToDocument(db.ToEntity<ApiKey>(doc) with { RevokedAt = at }));
        }
    }, ct);

    public Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct = default) => Run(() =>
    {
        lock (db.WriteGate)
        {
            if (_keys.FindById(id) is not { } doc)
            {
                return;
            }

            var key = db.ToEntity<ApiKey>(doc);
            if (key.LastUsedAt is null || key.LastUsedAt < at)
            {
                _keys.Update(db.ToDocument(key with { LastUsedAt = at }));
            }
        }
    }, ct);
}
