using CreditRisk.Core.Identity;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbRoleRepository(LiteDbContext db) : IRoleRepository
{
    private readonly ILiteCollection<BsonDocument> _roles = db.Collection(LiteDbCollections.Roles);

    public void EnsureIndexes() => _roles.EnsureIndex("NormalizedName", "$.NormalizedName", unique: true);

    // The unique indexes on the id and the normalised name decide, so there is no read to race with.
    public Task<bool> TryCreateAsync(AppRole role, CancellationToken ct = default) => Run(() => db.TryInsert(_roles, db.ToDocument(role)), ct);

    public Task UpdateAsync(AppRole role, CancellationToken ct = default) => Run(() => db.Write(() => _roles.Update(db.ToDocument(role))), ct);

    public Task DeleteAsync(string id, CancellationToken ct = default) => Run(() => db.Write(() => _roles.Delete(id)), ct);

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
