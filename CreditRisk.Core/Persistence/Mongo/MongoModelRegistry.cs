using CreditRisk.Core.Scoring;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>
/// Model versions, plus a single pointer document naming the champion. Without transactions (a standalone server
/// or the test server has none) "exactly one champion" cannot be kept across many version documents when
/// promotions race, so the champion is not stored on the versions at all: the pointer is replaced in one atomic
/// write, the last promotion wins, and <see cref="ModelVersion.IsChampion"/> is filled in from it on every read.
/// A crash between stamping <see cref="ModelVersion.PromotedAt"/> and moving the pointer leaves the old champion
/// in place, never none or two.
/// </summary>
internal sealed class MongoModelRegistry(IMongoDatabase database) : IModelRegistry
{
    public const string CollectionName = "modelVersions";
    public const string ChampionCollectionName = "modelChampion";

    private const string ChampionId = "champion";

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
            await PointAtAsync(version.Id, version.PromotedAt ?? version.CreatedAt, ct);
        }
    }

    public async Task<ModelVersion?> GetAsync(string id, CancellationToken ct = default)
    {
        var version = await _models.Find(m => m.Id == id).FirstOrDefaultAsync(ct);
        return version is null ? null : version with { IsChampion = await ChampionIdAsync(ct) == id };
    }

    public async Task<ModelVersion?> GetChampionAsync(CancellationToken ct = default)
    {
        if (await ChampionIdAsync(ct) is not { } id)
        {
            return null;
        }

        var version = await _models.Find(m => m.Id == id).FirstOrDefaultAsync(ct);
        return version is null ? null : version with { IsChampion = true };
    }

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default)
    {
        var championId = await ChampionIdAsync(ct);
        var versions = await _models.Find(FilterDefinition<ModelVersion>.Empty)
            .SortByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Project<ModelVersion>(Builders<ModelVersion>.Projection.Exclude(m => m.ModelBytes))
            .ToListAsync(ct);
        return versions.Select(v => v with { ModelBytes = [], IsChampion = v.Id == championId }).ToList();
    }

    public async Task<bool> PromoteAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        var stamped = await _models.UpdateOneAsync(
            Builders<ModelVersion>.Filter.Eq(m => m.Id, id),
            Builders<ModelVersion>.Update.Set(m => m.PromotedAt, at),
            cancellationToken: ct);
        if (stamped.MatchedCount == 0)
        {
            return false;
        }

        await PointAtAsync(id, at, ct);
        return true;
    }

    private async Task PointAtAsync(string id, DateTimeOffset at, CancellationToken ct)
    {
        var pointer = new ChampionPointer { Id = ChampionId, ModelId = id, PromotedAt = at };
        try
        {
            await _champion.ReplaceOneAsync(p => p.Id == ChampionId, pointer, new ReplaceOptions { IsUpsert = true }, ct);
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            // Two first-ever promotions both tried to insert the pointer; it exists now, so this replace matches.
            await _champion.ReplaceOneAsync(p => p.Id == ChampionId, pointer, new ReplaceOptions { IsUpsert = true }, ct);
        }
    }

    private async Task<string?> ChampionIdAsync(CancellationToken ct) =>
        (await _champion.Find(p => p.Id == ChampionId).FirstOrDefaultAsync(ct))?.ModelId;

    /// <summary>The one document saying which version is the champion.</summary>
    internal sealed record ChampionPointer
    {
        public required string Id { get; init; }

        public required string ModelId { get; init; }

        public DateTimeOffset PromotedAt { get; init; }
    }
}
