using CreditRisk.Core.Scoring;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// Model versions without their bytes, plus the bytes in 1 MiB chunks: listing stays light and a model may exceed
/// LiteDB's document size limit.
/// </summary>
internal sealed class LiteDbModelRegistry(LiteDbContext db) : IModelRegistry
{
    private const int ChunkSize = 1024 * 1024;

    private readonly ILiteCollection<BsonDocument> _models = db.Collection(LiteDbCollections.Models);
    private readonly ILiteCollection<BsonDocument> _chunks = db.Collection(LiteDbCollections.ModelChunks);

    public void EnsureIndexes()
    {
        _models.EnsureIndex("IsChampion", "$.IsChampion");
        _models.EnsureIndex("CreatedAt", "$.CreatedAt");
    }

    public Task AddAsync(ModelVersion version, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.ToDocument(version);
        var chunks = version.ModelBytes.Chunk(ChunkSize)
            .Select((bytes, index) => new BsonDocument
            {
                ["_id"] = ChunkId(version.Id, index),
                ["Data"] = bytes,
            })
            .ToList();

        db.InTransaction(() =>
        {
            if (version.IsChampion)
            {
                DemoteChampions(ModelFamilies.Of(version.FeatureNames));
            }

            _models.Insert(doc);
            _chunks.Insert(chunks);
        });
    }, ct);

    public Task<ModelVersion?> GetAsync(string id, CancellationToken ct = default) =>
        Run(() => _models.FindById(id) is { } doc ? WithBytes(doc) : null, ct);

    public Task<ModelVersion?> GetChampionAsync(CancellationToken ct = default) =>
        Run(() => _models.Find(Query.EQ("IsChampion", true)).FirstOrDefault(d => FamilyOf(d) == ModelFamily.Behaviour) is { } doc ? WithBytes(doc) : null, ct);

    public Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default) =>
        Run<IReadOnlyList<ModelVersion>>(() => _models.Query()
            .OrderByDescending("CreatedAt")
            .ToEnumerable()
            .Select(doc => db.ToEntity<ModelVersion>(doc) with { ModelBytes = [] })
            .ToList(), ct);

    // "Exactly one champion" holds when an add and a promotion race: each is one transaction, and transactions take the write gate.
    public Task<bool> PromoteAsync(string id, DateTimeOffset at, CancellationToken ct = default) => Run(() => db.InTransaction(() =>
    {
        if (_models.FindById(id) is not { } doc)
        {
            return false;
        }

        DemoteChampions(FamilyOf(doc));
        var promoted = db.ToEntity<ModelVersion>(doc) with { IsChampion = true, PromotedAt = at };
        _models.Update(db.ToDocument(promoted));
        return true;
    }), ct);

    /// <summary>Each family has its own champion (<see cref="ModelFamily"/>): a new one demotes only its own family's.</summary>
    private void DemoteChampions(ModelFamily family)
    {
        foreach (var champion in _models.Find(Query.EQ("IsChampion", true)).Where(d => FamilyOf(d) == family).ToList())
        {
            champion["IsChampion"] = false;
            _models.Update(champion);
        }
    }

    private static ModelFamily FamilyOf(BsonDocument doc) =>
        ModelFamilies.Of([.. doc["FeatureNames"].AsArray.Select(name => name.AsString)]);

    private ModelVersion WithBytes(BsonDocument doc)
    {
        var version = db.ToEntity<ModelVersion>(doc);
        using var bytes = new MemoryStream();
        var chunks = _chunks.Query()
            .Where(Query.Between("_id", ChunkId(version.Id, 0), ChunkId(version.Id, 99999)))
            .OrderBy("_id")
            .ToEnumerable();
        foreach (var chunk in chunks)
        {
            bytes.Write(chunk["Data"].AsBinary);
        }

        return version with { ModelBytes = bytes.ToArray() };
    }

    /// <summary>Fixed-width chunk numbers so the chunks of a model sort in order.</summary>
    private static string ChunkId(string modelId, int index) => $"{modelId}{LiteDbKeys.Separator}{index:D5}";
}
