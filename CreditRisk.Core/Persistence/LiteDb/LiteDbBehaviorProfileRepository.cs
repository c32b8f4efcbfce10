using CreditRisk.Core.Features;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

internal sealed class LiteDbBehaviorProfileRepository(LiteDbContext db) : IBehaviorProfileRepository
{
    private readonly ILiteCollection<BsonDocument> _profiles = db.Collection(LiteDbCollections.Profiles);

    // Compare-and-swap on the version of a stored profile: the read and the write must not interleave with another saver.
    private readonly Lock _saveLock = new();

    public Task<BehaviorProfile?> GetAsync(string customerId, CancellationToken ct = default) =>
        Run(() => _profiles.FindById(customerId) is { } doc ? db.ToEntity<BehaviorProfile>(doc) : null, ct);

    public Task<IReadOnlyDictionary<string, BehaviorProfile>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, BehaviorProfile>>(() =>
        {
            var found = new Dictionary<string, BehaviorProfile>(StringComparer.Ordinal);
            foreach (var id in customerIds.Distinct(StringComparer.Ordinal))
            {
                if (_profiles.FindById(id) is { } doc)
                {
                    found[id] = db.ToEntity<BehaviorProfile>(doc);
                }
            }

            return found;
        }, ct);

    public Task<bool> TrySaveAsync(BehaviorProfile profile, long expectedVersion, CancellationToken ct = default) => Run(() =>
    {
        var doc = db.ToDocument(profile with { Version = expectedVersion + 1 });

        // A first save is an insert: the unique id decides between racing first saves, without a read.
        if (expectedVersion == 0)
        {
            return TryInsert(_profiles, doc);
        }

        lock (_saveLock)
        {
            return _profiles.FindById(profile.CustomerId) is { } stored && stored["Version"].AsInt64 == expectedVersion && _profiles.Update(doc);
        }
    }, ct);
}
