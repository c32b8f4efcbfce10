using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoSettingsRepository(IMongoDatabase database) : ISettingsRepository
{
    public const string CollectionName = "settings";

    private readonly IMongoCollection<SettingDocument> _settings = database.GetCollection<SettingDocument>(CollectionName);

    public async Task<StoredSetting?> GetAsync(string key, CancellationToken ct = default)
    {
        var document = await _settings.Find(s => s.Id == key).FirstOrDefaultAsync(ct);
        return document is null ? null : new StoredSetting(document.Id, document.Json, document.Version, document.UpdatedAt);
    }

    public async Task<bool> TrySaveAsync(string key, string json, long expectedVersion, DateTimeOffset at, CancellationToken ct = default)
    {
        var document = new SettingDocument { Id = key, Json = json, Version = expectedVersion + 1, UpdatedAt = at };
        if (expectedVersion == 0)
        {
            try
            {
                await _settings.InsertOneAsync(document, cancellationToken: ct);
                return true;
            }
            catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
            {
                return false;
            }
        }

        var filter = Builders<SettingDocument>.Filter.Eq(s => s.Id, key)
            & Builders<SettingDocument>.Filter.Eq(s => s.Version, expectedVersion);
        var result = await _settings.ReplaceOneAsync(filter, document, cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    /// <summary>Storage shape of <see cref="StoredSetting"/>: the key is the document id.</summary>
    internal sealed record SettingDocument
    {
        public required string Id { get; init; }

        public required string Json { get; init; }

        public long Version { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }
    }
}
