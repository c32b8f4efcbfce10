using CreditRisk.Core.Identity;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbRoleRepository(LiteDbContext db) : IRoleRepository
{
    private readonly ILiteCollection<BsonDocument> _roles = db.Collection(LiteDbCollections.Roles);

    private readonly Lock _createLock = new();

    public void EnsureIndexes() => _roles.EnsureIndex("NormalizedName", "$.NormalizedName", unique: true);

    public Task<bool> TryCreateAsync(AppRole role, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.ToDocument(role);
        lock (_createLock)
        {
            if (_roles.FindById(role.Id) is not null || _roles.Exists(Query.EQ("NormalizedName", role.NormalizedName)))
            {
                return false;
            }

            _roles.Insert(doc);
            return true;
        }
    }, ct);

    public Task UpdateAsync(AppRole role, CancellationToken ct = default) => Run(() => _roles.Update(db.ToDocument(role)), ct);

    public Task DeleteAsync(string id, CancellationToken ct = default) => Run(() => _roles.Delete(id), ct);

    public Task<AppRole?> FindByIdAsync(string id, CancellationToken ct = default) =>
        Run(() => _roles.FindById(id) is { } doc ? db.ToEntity<AppRole>(doc) : null, ct);

    public Task<AppRole?> FindByNormalizedNameAsync(string normalizedName, CancellationToken ct = default) =>
        Run(() => _roles.FindOne(Query.EQ("NormalizedName", normalizedName)) is { } doc ? db.ToEntity<AppRole>(doc) : null, ct);

    public Task<IReadOnlyList<AppRole>> ListAsync(CancellationToken ct = default) =>
        Run<IReadOnlyList<AppRole>>(() => _roles.FindAll()
            .Select(db.ToEntity<AppRole>)
            .OrderBy(r => r.NormalizedName, StringComparer.Ordinal)
            .ToList(), ct);
}
