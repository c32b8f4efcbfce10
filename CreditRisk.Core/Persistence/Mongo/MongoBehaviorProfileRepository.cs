using CreditRisk.Core.Features;
using MongoDB.Driver;

namespace CreditRisk.Core.Persistence.Mongo;

internal sealed class MongoBehaviorProfileRepository(IMongoDatabase database) : IBehaviorProfileRepository
{
    public const string CollectionName = "behaviorProfiles";

    private readonly IMongoCollection<BehaviorProfile> _profiles = database.GetCollection<BehaviorProfile>(CollectionName);

    public async Task<BehaviorProfile?> GetAsync(string customerId, CancellationToken ct = default) =>
        await _profiles.Find(p => p.CustomerId == customerId).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<string, BehaviorProfile>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return new Dictionary<string, BehaviorProfile>();
        }

        var found = await _profiles.Find(Builders<BehaviorProfile>.Filter.In(p => p.CustomerId, customerIds.Distinct())).ToListAsync(ct);
        return found.ToDictionary(p => p.CustomerId, StringComparer.Ordinal);
    }

    public async Task<bool> TrySaveAsync(BehaviorProfile profile, long expectedVersion, CancellationToken ct = default)
    {
        var stored = profile with { Version = expectedVersion + 1 };
        if (expectedVersion == 0)
        {
            // "Not stored yet": the unique _id turns a concurrent first save into a duplicate key, i.e. a conflict.
            try
            {
                await _profiles.InsertOneAsync(stored, cancellationToken: ct);
                return true;
            }
            catch (MongoException ex) when (MongoErrors.IsDuplicateKey(ex))
            {
                return false;
            }
        }

        var filter = Builders<BehaviorProfile>.Filter.Eq(p => p.CustomerId, profile.CustomerId)
            & Builders<BehaviorProfile>.Filter.Eq(p => p.Version, expectedVersion);
        var result = await _profiles.ReplaceOneAsync(filter, stored, cancellationToken: ct);
        return result.MatchedCount == 1;
    }
}
