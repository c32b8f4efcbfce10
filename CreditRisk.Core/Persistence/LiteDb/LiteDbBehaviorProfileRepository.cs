using CreditRisk.Core.Features;
using LiteDB;
using static CreditRisk.Core.Persistence.LiteDb.LiteDbContext;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// Profiles keyed by customer id with their version and update time as fields and the aggregates as
/// <see cref="CompactProfileCodec"/> bytes. Documents written field by field by earlier versions still read.
/// </summary>
internal sealed class LiteDbBehaviorProfileRepository(LiteDbContext db) : IBehaviorProfileRepository
{
    private const string DataField = "Data";

    private readonly ILiteCollection<BsonDocument> _profiles = db.Collection(LiteDbCollections.Profiles);

    // Compare-and-swap on the version of a stored profile: the read and the write must not interleave with another saver.
    private readonly Lock _saveLock = new();

    public Task<BehaviorProfile?> GetAsync(string customerId, CancellationToken ct = default) =>
        Run(() => _profiles.FindById(customerId) is { } doc ? ToProfile(doc) : null, ct);

    public Task<IReadOnlyDictionary<string, BehaviorProfile>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, BehaviorProfile>>(() =>
        {
            var found = new Dictionary<string, BehaviorProfile>(StringComparer.Ordinal);
            foreach (var id in customerIds.Distinct(StringComparer.Ordinal))
            {
                if (_profiles.FindById(id) is { } doc)
                {
                    found[id] = ToProfile(doc);
                }
            }

            return found;
        }, ct);

    public Task<bool> TrySaveAsync(BehaviorProfile profile, long expectedVersion, CancellationToken ct = default) => Run(() =>
    {
        var doc = ToDocument(profile with { Version = expectedVersion + 1 });

        // Under the lock even for a first save: a grouped save checks then inserts inside one transaction, and an
        // insert racing in between would fail (and roll back) the whole group.
        lock (_saveLock)
        {
            // A first save is an insert: the unique id decides, without a read.
            if (expectedVersion == 0)
            {
                return TryInsert(_profiles, doc);
            }

            return _profiles.FindById(profile.CustomerId) is { } stored && stored["Version"].AsInt64 == expectedVersion && _profiles.Update(doc);
        }
    }, ct);

    public Task<IReadOnlySet<string>> TrySaveManyAsync(IReadOnlyList<ProfileSave> saves, CancellationToken ct = default) =>
        Run<IReadOnlySet<string>>(() =>
        {
            var conflicts = new HashSet<string>(StringComparer.Ordinal);
            if (saves.Count == 0)
            {
                return conflicts;
            }

            var documents = saves.Select(s => ToDocument(s.Profile with { Version = s.ExpectedVersion + 1 })).ToList();
            lock (_saveLock)
            {
                // One commit for the group; the checks read inside the transaction, so a repeated customer sees the
                // first save of the group and loses the version check, as it would one at a time.
                db.InTransaction(() =>
                {
                    for (var i = 0; i < saves.Count; i++)
                    {
                        var (profile, expected) = saves[i];
                        var storedVersion = _profiles.FindById(profile.CustomerId) is { } stored ? stored["Version"].AsInt64 : 0;
                        var exists = storedVersion > 0;
                        if (storedVersion != expected || (expected == 0 && exists))
                        {
                            conflicts.Add(profile.CustomerId);
                        }
                        else if (exists)
                        {
                            _profiles.Update(documents[i]);
                        }
                        else
                        {
                            _profiles.Insert(documents[i]);
                        }
                    }
                });
            }

            return conflicts;
        }, ct);

    private BsonDocument ToDocument(BehaviorProfile profile) => new()
    {
        ["_id"] = profile.CustomerId,
        [nameof(BehaviorProfile.Version)] = profile.Version,
        [nameof(BehaviorProfile.UpdatedAt)] = db.Mapper.Serialize(typeof(DateTimeOffset), profile.UpdatedAt),
        [DataField] = CompactProfileCodec.Encode(profile),
    };

    private BehaviorProfile ToProfile(BsonDocument doc) => doc.TryGetValue(DataField, out var data)
        ? CompactProfileCodec.Decode(
            doc["_id"].AsString,
            doc[nameof(BehaviorProfile.Version)].AsInt64,
            (DateTimeOffset)db.Mapper.Deserialize(typeof(DateTimeOffset), doc[nameof(BehaviorProfile.UpdatedAt)]),
            data.AsBinary)
        : db.ToEntity<BehaviorProfile>(doc);
}
