using CreditRisk.Core.Identity;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoRoleRepository(IMongoDatabase database) : IRoleRepository
{
    public const string CollectionName = "roles";

    private readonly IMongoCollection<AppRole> _roles = database.GetCollection<AppRole>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _roles.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<AppRole>(
                    Builders<AppRole>.IndexKeys.Ascending(r => r.NormalizedName),
                    new CreateIndexOptions { Unique = true }),
            ],
            ct);

    public async Task<bool> TryCreateAsync(AppRole role, CancellationToken ct = default)
    {
        try
        {
            await _roles.InsertOneAsync(role, cancellationToken: ct);
            return true;
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            return false;
        }
    }

    public Task UpdateAsync(AppRole role, CancellationToken ct = default) =>
        _roles.ReplaceOneAsync(r => r.Id == role.Id, role, cancellationToken: ct);

    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        _roles.DeleteOneAsync(r => r.Id == id, ct);

    public async Task<AppRole?> FindByIdAsync(string id, CancellationToken ct = default) =>
        await _roles.Find(r => r.Id == id).FirstOrDefaultAsync(ct);

    public async Task<AppRole?> FindByNormalizedNameAsync(string normalizedName, CancellationToken ct = default) =>
        await _roles.Find(r => r.NormalizedName == normalizedName).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<AppRole>> ListAsync(CancellationToken ct = default) =>
        await _roles.Find(FilterDefinition<AppRole>.Empty).SortBy(r => r.NormalizedName).ToListAsync(ct);
}
