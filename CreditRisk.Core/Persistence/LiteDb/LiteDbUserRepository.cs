using CreditRisk.Core.Identity;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbUserRepository(LiteDbContext db) : IUserRepository
{
    private readonly ILiteCollection<BsonDocument> _users = db.Collection(LiteDbCollections.Users);

    // Update and claim read before they write (stamp still current? welcome unclaimed?), so they hold the write gate
    // across both. Name clashes are left to the unique index on the normalised name.
    public void EnsureIndexes()
    {
        _users.EnsureIndex("NormalizedUserName", "$.NormalizedUserName", unique: true);
        _users.EnsureIndex("NormalizedEmail", "$.NormalizedEmail");
        _users.EnsureIndex("PhoneNumber", "$.PhoneNumber");
        _users.EnsureIndex("Roles", "$.Roles[*]");
    }

    public Task<bool> TryCreateAsync(AppUser user, CancellationToken ct = default) => Run(() => db.TryInsert(_users, db.ToDocument(user)), ct);

    public Task<bool> TryUpdateAsync(AppUser user, string expectedConcurrencyStamp, CancellationToken ct = default) => Run(() =>
    {
        lock (db.WriteGate)
        {
            if (_users.FindById(user.Id) is not { } doc)
            {
                return false;
            }

            var stored = db.ToEntity<AppUser>(doc);
            if (!string.Equals(stored.ConcurrencyStamp, expectedConcurrencyStamp, StringComparison.Ordinal))
            {
                return false;
            }

            // The welcome claim is set-once: a user object read before the claim must not clear it.
            return db.TryUpdate(_users, db.ToDocument(user with { WelcomeSentAt = user.WelcomeSentAt ?? stored.WelcomeSentAt }));
        }
    }, ct);

    public Task DeleteAsync(string id, CancellationToken ct = default) => Run(() => db.Write(() => _users.Delete(id)), ct);

    public Task<AppUser?> FindByIdAsync(string id, CancellationToken ct = default) =>
        Run(() => _users.FindById(id) is { } doc ? db.ToEntity<AppUser>(doc) : null, ct);

    public Task<AppUser?> FindByNormalizedUserNameAsync(string normalizedUserName, CancellationToken ct = default) =>
        Run(() => FindOne("NormalizedUserName", normalizedUserName), ct);

    public Task<AppUser?> FindByNormalizedEmailAsync(string normalizedEmail, CancellationToken ct = default) =>
        Run(() => FindOne("NormalizedEmail", normalizedEmail), ct);

    // Several accounts can hold a number the bank moved; the earliest created wins, as on every store.
    public Task<AppUser?> FindByPhoneAsync(string phone, CancellationToken ct = default) =>
        Run(() => string.IsNullOrEmpty(phone) ? null : _users.Find(Query.EQ("PhoneNumber", phone))
            .Select(db.ToEntity<AppUser>)
            .OrderBy(u => u.CreatedAt)
            .ThenBy(u => u.Id, StringComparer.Ordinal)
            .FirstOrDefault(), ct);

    public Task<IReadOnlyList<AppUser>> ListInRoleAsync(string normalizedRoleName, CancellationToken ct = default) =>
        Run<IReadOnlyList<AppUser>>(() => _users.Find(BsonExpression.Create("$.Roles[*] ANY = @0", new BsonValue(normalizedRoleName)))
            .Select(db.ToEntity<AppUser>)
            .OrderBy(u => u.NormalizedUserName, StringComparer.Ordinal)
            .ToList(), ct);

    public Task<bool> TryClaimWelcomeAsync(string userId, DateTimeOffset at, CancellationToken ct = default) => Run(() =>
    {
        lock (db.WriteGate)
        {
            if (_users.FindById(userId) is not { } doc || !doc["WelcomeSentAt"].IsNull)
            {
                return false;
            }

            var user = db.ToEntity<AppUser>(doc);
            return _users.Update(db.ToDocument(user with { WelcomeSentAt = at }));
        }
    }, ct);

    private AppUser? FindOne(string field, string? value) =>
        string.IsNullOrEmpty(value) ? null
        : _users.FindOne(Query.EQ(field, value)) is { } doc ? db.ToEntity<AppUser>(doc) : null;
}
