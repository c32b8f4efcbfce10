using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbSettingsRepository(LiteDbContext db) : ISettingsRepository
{
    private readonly ILiteCollection<BsonDocument> _settings = db.Collection(LiteDbCollections.Settings);


    public Task<StoredSetting?> GetAsync(string key, CancellationToken ct = default) => Run(() =>
        _settings.FindById(key) is { } doc ? ToSetting(doc) : null, ct);

    /// <summary>Every stored setting (no port lists them; the migration to SQLite copies them).</summary>
    internal IReadOnlyList<StoredSetting> ReadAll() => _settings.FindAll().Select(ToSetting).ToList();

    private StoredSetting ToSetting(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["Json"].AsString,
        doc["Version"].AsInt64,
        db.Mapper.Deserialize<DateTimeOffset>(doc["UpdatedAt"]));

    public Task<bool> TrySaveAsync(string key, string json, long expectedVersion, DateTimeOffset at, CancellationToken ct = default) => Run(() =>
    {
        var doc = new BsonDocument
        {
            ["_id"] = key,
            ["Json"] = json,
            ["Version"] = expectedVersion + 1,
            ["UpdatedAt"] = db.Mapper.Serialize(at),
        };

        // A first save is an insert: the unique id decides between racing first saves, without a read.
        if (expectedVersion == 0)
        {
            return db.TryInsert(_settings, doc);
        }

        // Compare-and-swap on the version: the read and the write must not interleave with another saver.
        lock (db.WriteGate)
        {
            return _settings.FindById(key) is { } stored && stored["Version"].AsInt64 == expectedVersion && _settings.Update(doc);
        }
    }, ct);
}
