using CreditRisk.Core.Identity;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoUserRepository(IMongoDatabase database) : IUserRepository
{
    public const string CollectionName = "users";

    private readonly string _welcomeSentAtElement =
        BsonClassMap.LookupClassMap(typeof(AppUser)).GetMemberMap(nameof(AppUser.WelcomeSentAt)).ElementName;

    private readonly IMongoCollection<AppUser> _users = database.GetCollection<AppUser>(CollectionName);

    public Task CreateIndexesAsync(CancellationToken ct) =>
        _users.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<AppUser>(
                    Builders<AppUser>.IndexKeys.Ascending(u => u.NormalizedUserName),
                    new CreateIndexOptions { Unique = true }),
                new CreateIndexModel<AppUser>(Builders<AppUser>.IndexKeys.Ascending(u => u.NormalizedEmail)),
                new CreateIndexModel<AppUser>(Builders<AppUser>.IndexKeys.Ascending(u => u.PhoneNumber)),
                new CreateIndexModel<AppUser>(Builders<AppUser>.IndexKeys.Ascending(u => u.Roles)),
            ],
            ct);

    public async Task<bool> TryCreateAsync(AppUser user, CancellationToken ct = default)
    {
        try
        {
            await _users.InsertOneAsync(user, cancellationToken: ct);
            return true;
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            return false;
        }
    }

    public async Task<bool> TryUpdateAsync(AppUser user, string expectedConcurrencyStamp, CancellationToken ct = default)
    {
        var filter = Builders<AppUser>.Filter.Eq(u => u.Id, user.Id)
            & Builders<AppUser>.Filter.Eq(u => u.ConcurrencyStamp, expectedConcurrencyStamp);

        // $set of every field rather than a replace, so that a user object read before the welcome was claimed
        // cannot clear the claim: the welcome time is set once and only ever written by TryClaimWelcomeAsync or
        // by an update that carries a value.
        var fields = user.ToBsonDocument();
        fields.Remove("_id");
        if (user.WelcomeSentAt is null)
        {
            fields.Remove(_welcomeSentAtElement);
        }

        try
        {
            var result = await _users.UpdateOneAsync(filter, new BsonDocument("$set", fields), cancellationToken: ct);
            return result.MatchedCount == 1;
        }
        catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
        {
            // Renamed onto a user name that is taken.
            return false;
        }
    }

    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        _users.DeleteOneAsync(u => u.Id == id, ct);

    public async Task<AppUser?> FindByIdAsync(string id, CancellationToken ct = default) =>
        await _users.Find(u => u.Id == id).FirstOrDefaultAsync(ct);

    public async Task<AppUser?> FindByNormalizedUserNameAsync(string normalizedUserName, CancellationToken ct = default) =>
        await _users.Find(u => u.NormalizedUserName == normalizedUserName).FirstOrDefaultAsync(ct);

    public async Task<AppUser?> FindByNormalizedEmailAsync(string normalizedEmail, CancellationToken ct = default) =>
        string.IsNullOrEmpty(normalizedEmail) ? null : await _users.Find(u => u.NormalizedEmail == normalizedEmail).SortBy(u => u.CreatedAt).ThenBy(u => u.Id).FirstOrDefaultAsync(ct);

    public async Task<AppUser?> FindByPhoneAsync(string phone, CancellationToken ct = default) =>
        string.IsNullOrEmpty(phone) ? null : await _users.Find(u => u.PhoneNumber == phone).SortBy(u => u.CreatedAt).ThenBy(u => u.Id).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<AppUser>> ListInRoleAsync(string normalizedRoleName, CancellationToken ct = default) =>
        await _users.Find(Builders<AppUser>.Filter.AnyEq(u => u.Roles, normalizedRoleName))
            .SortBy(u => u.NormalizedUserName)
            .ToListAsync(ct);

    public async Task<bool> TryClaimWelcomeAsync(string userId, DateTimeOffset at, CancellationToken ct = default)
    {
        var filter = Builders<AppUser>.Filter.Eq(u => u.Id, userId)
            & Builders<AppUser>.Filter.Eq(u => u.WelcomeSentAt, null);
        var result = await _users.UpdateOneAsync(filter, Builders<AppUser>.Update.Set(u => u.WelcomeSentAt, at), cancellationToken: ct);
        return result.ModifiedCount == 1;
    }
}
