using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbSettingsRepository(LiteDbContext db) : ISettingsRepository
{
    private readonly ILiteCollection<BsonDocument> _settings = db.Collection(LiteDbCollections.Settings);

    private readonly Lock _saveLock = new();

    public Task<StoredSetting?> GetAsync(string key, CancellationToken ct = default) => Run(() =>
        _settings.FindById(key) is { } doc
            ? new StoredSetting(
                key,
                doc["Json"].AsString,
                doc["Version"].AsInt64,
                db.Mapper.Deserialize<DateTimeOffset>(doc["UpdatedAt"]))
            : null, ct);

    public Task<bool> TrySaveAsync(string key, string json, long expectedVersion, DateTimeOffset at, CancellationToken ct = default) => Run(() =>
    {
        lock (_saveLock)
        {
            var storedVersion = _settings.FindById(key) is { } doc ? doc["Version"].AsInt64 : 0L;
            if (storedVersion != expectedVersion)
            {
                return false;
            }

            _settings.Upsert(new BsonDocument
            {
                ["_id"] = key,
                ["Json"] = json,
                ["Version"] = expectedVersion + 1,
                ["UpdatedAt"] = db.Mapper.Serialize(at),
            });
            return true;
        }
    }, ct);
}
