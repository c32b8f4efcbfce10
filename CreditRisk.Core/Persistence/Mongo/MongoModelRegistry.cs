using CreditRisk.Core.Scoring;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>
/// Model versions. Promotion runs without a transaction (a standalone server or the test server has none):
/// the new champion is marked first and the old ones are cleared after. A crash in between leaves two
/// champions, and <see cref="GetChampionAsync"/> then picks the most recently promoted one, which is the
/// one being promoted; the reverse order would leave no champion at all after such a crash.
/// </summary>
internal sealed class MongoModelRegistry(IMongoDatabase database) : IModelRegistry
{
    public const string CollectionName = "modelVersions";

    private readonly IMongoCollection<ModelVersion> _models = database.GetCollection<ModelVersion>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _models.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<ModelVersion>(Builders<ModelVersion>.IndexKeys.Descending(m => m.CreatedAt)),
                new CreateIndexModel<ModelVersion>(
                    Builders<ModelVersion>.IndexKeys.Ascending(m => m.IsChampion).Descending(m => m.PromotedAt)),
            ],
            ct);

    public async Task AddAsync(ModelVersion version, CancellationToken ct = default)
    {
        await _models.InsertOneAsync(version, cancellationToken: ct);
        if (version.IsChampion)
        {
            await DemoteAllExceptAsync(version.Id, ct);
        }
    }

    public async Task<ModelVersion?> GetAsync(string id, CancellationToken ct = default) =>
        await _models.Find(m => m.Id == id).FirstOrDefaultAsync(ct);

    public async Task<ModelVersion?> GetChampionAsync(CancellationToken ct = default) =>
        await _models.Find(m => m.IsChampion)
            .SortByDescending(m => m.PromotedAt).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default)
    {
        var versions = await _models.Find(FilterDefinition<ModelVersion>.Empty)
            .SortByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Project<ModelVersion>(Builders<ModelVersion>.Projection.Exclude(m => m.ModelBytes))
            .ToListAsync(ct);
        return versions.Select(v => v with { ModelBytes = [] }).ToList();
    }

    public async Task<bool> PromoteAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        var promoted = await _models.UpdateOneAsync(
            Builders<ModelVersion>.Filter.Eq(m => m.Id, id),
            Builders<ModelVersion>.Update.Set(m => m.IsChampion, true).Set(m => m.PromotedAt, at),
            cancellationToken: ct);
        if (promoted.MatchedCount == 0)
        {
            return false;
        }

        await DemoteAllExceptAsync(id, ct);
        return true;
    }

    private Task DemoteAllExceptAsync(string id, CancellationToken ct) =>
        _models.UpdateManyAsync(
            Builders<ModelVersion>.Filter.Ne(m => m.Id, id) & Builders<ModelVersion>.Filter.Eq(m => m.IsChampion, true),
            Builders<ModelVersion>.Update.Set(m => m.IsChampion, false),
            cancellationToken: ct);
}
