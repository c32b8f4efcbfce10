using CreditRisk.Core.Scoring;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>
/// Model versions, plus a single pointer document naming the champion. Without transactions (a standalone server
/// or the test server has none) "exactly one champion" cannot be kept across many version documents when
/// promotions race, so the champion is not stored on the versions at all: the pointer is replaced in one atomic
/// write, the last promotion wins, and <see cref="ModelVersion.IsChampion"/> is filled in from it on every read.
/// A crash between stamping <see cref="ModelVersion.PromotedAt"/> and moving the pointer leaves the old champion
/// in place, never none or two. Each <see cref="ModelFamily"/> has its own pointer (the behavioural one keeps the
/// original id, so existing databases read as before).
/// </summary>
internal sealed class MongoModelRegistry(IMongoDatabase database) : IModelRegistry
{
    public const string CollectionName = "modelVersions";
    public const string ChampionCollectionName = "modelChampion";

    private const string ChampionId = "champion";
    private const string SnapshotChampionId = "champion:snapshot";

    private readonly IMongoCollection<ModelVersion> _models = database.GetCollection<ModelVersion>(CollectionName);
    private readonly IMongoCollection<ChampionPointer> _champion = database.GetCollection<ChampionPointer>(ChampionCollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _models.Indexes.CreateManyAsync(
            [new CreateIndexModel<ModelVersion>(Builders<ModelVersion>.IndexKeys.Descending(m => m.CreatedAt))],
            ct);

    public async Task AddAsync(ModelVersion version, CancellationToken ct = default)
    {
        await _models.InsertOneAsync(version, cancellationToken: ct);
        if (version.IsChampion)
        {
            await PointAtAsync(ModelFamilies.Of(version.FeatureNames), version.Id, version.PromotedAt ?? version.CreatedAt, ct);
        }
    }

    public async Task<ModelVersion?> GetAsync(string id, CancellationToken ct = default)
    {
        var version = await _models.Find(m => m.Id == id).FirstOrDefaultAsync(ct);
        return version is null ? null : version with { IsChampion = (await ChampionIdsAsync(ct)).ContainsValue(id) };
    }

    public async Task<ModelVersion?> GetChampionAsync(CancellationToken ct = default)
    {
        if ((await ChampionIdsAsync(ct)).GetValueOrDefault(ChampionId) is not { } id)
        {
            return null;
        }

        var version = await _models.Find(m => m.Id == id).FirstOrDefaultAsync(ct);
        return version is null ? null : version with { IsChampion = true };
    }

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default)
    {
        var championIds = (await ChampionIdsAsync(ct)).Values.ToHashSet(StringComparer.Ordinal);
        var versions = await _models.Find(FilterDefinition<ModelVersion>.Empty)
            .SortByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Project<ModelVersion>(Builders<ModelVersion>.Projection.Exclude(m => m.ModelBytes))
            .ToListAsync(ct);
        return versions.Select(v => v with { ModelBytes = [], IsChampion = championIds.Contains(v.Id) }).ToList();
    }

    public async Task<bool> PromoteAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        var version = await _models.Find(m => m.Id == id)
            .Project<ModelVersion>(Builders<ModelVersion>.Projection.Exclude(m => m.ModelBytes))
            .FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return false;
        }

        var stamped = await _models.UpdateOneAsync(
            Builders<ModelVersion>.Filter.Eq(m => m.Id, id),
            Builders<ModelVersion>.Update.Set(m => m.PromotedAt, at),
            cancellationToken: ct);
        if (stamped.MatchedCount == 0)
        {
            return false;
        }

        await PointAtAsync(ModelFamilies.Of(version.FeatureNames), id, at, ct);
        return true;
    }

    private async Task PointAtAsync(ModelFamily family, string id, DateTimeOffset at, CancellationToken ct)
    {
        var pointerId = family == ModelFamily.Snapshot ? SnapshotChampionId : ChampionId;
        var pointer = new ChampionPointer { Id = pointerId, ModelId = id, PromotedAt = at };
        try
        {
            await _champion.ReplaceOneAsync(p => p.Id == pointerId, pointer, new ReplaceOptions { IsUpsert = true }, ct);
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            // Two first-ever promotions both tried to insert the pointer; it exists now, so this replace matches.
            await _champion.ReplaceOneAsync(p => p.Id == pointerId, pointer, new ReplaceOptions { IsUpsert = true }, ct);
        }
    }

    /// <summary>The champion of each family that has one: pointer id → model id.</summary>
    private async Task<Dictionary<string, string>> ChampionIdsAsync(CancellationToken ct) =>
        (await _champion.Find(FilterDefinition<ChampionPointer>.Empty).ToListAsync(ct)).ToDictionary(p => p.Id, p => p.ModelId, StringComparer.Ordinal);

    /// <summary>The one document saying which version is the champion.</summary>
    internal sealed record ChampionPointer
    {
        public required string Id { get; init; }

        public required string ModelId { get; init; }

        public DateTimeOffset PromotedAt { get; init; }
    }
}
