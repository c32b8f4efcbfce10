using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence.Compact;
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

    /// <summary>Most versions remembered in <see cref="_savedVersions"/> before it starts afresh.</summary>
    private const int MaxRememberedVersions = 1_000_000;

    /// <summary>
    /// The version of every profile this process saved, by customer (guarded by the write gate), so a grouped
    /// save checks versions without reading each stored profile back. Exact because every profile write goes through
    /// this repository under the lock and the file is this process's alone; only saves fill it (a read outside the
    /// lock could be older than a save and let a stale profile overwrite a newer one), and only after their commit.
    /// </summary>
    private readonly Dictionary<string, long> _savedVersions = new(StringComparer.Ordinal);

    public Task<BehaviorProfile?> GetAsync(string customerId, CancellationToken ct = default) =>
        Run(() => _profiles.FindById(customerId) is { } doc ? ToProfile(doc) : null, ct);

    public Task<IReadOnlyDictionary<string, BehaviorProfile>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default) =>
        Run<IReadOnlyDictionary<string, BehaviorProfile>>(
            () => FindByIds(_profiles, customerIds).ToDictionary(e => e.Key, e => ToProfile(e.Value), StringComparer.Ordinal), ct);

    public Task<bool> TrySaveAsync(BehaviorProfile profile, long expectedVersion, CancellationToken ct = default) => Run(() =>
    {
        var doc = ToDocument(profile with { Version = expectedVersion + 1 });

        // Under the lock even for a first save: a grouped save checks then inserts inside one transaction, and an
        // insert racing in between would fail (and roll back) the whole group.
        lock (db.WriteGate)
        {
            // A first save is an insert: the unique id decides, without a read.
            var saved = expectedVersion == 0
                ? db.TryInsert(_profiles, doc)
                : StoredVersion(profile.CustomerId) == expectedVersion && _profiles.Update(doc);
            if (saved)
            {
                RememberSaved(profile.CustomerId, expectedVersion + 1);
            }

            return saved;
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
            lock (db.WriteGate)
            {
                // One commit for the group; the checks read inside the transaction, so a repeated customer sees the
                // first save of the group and loses the version check, as it would one at a time.
                var versions = new Dictionary<string, long>(saves.Count, StringComparer.Ordinal);
                db.InTransaction(() =>
                {
                    for (var i = 0; i < saves.Count; i++)
                    {
                        var (profile, expected) = saves[i];
                        var storedVersion = versions.TryGetValue(profile.CustomerId, out var earlier) ? earlier : StoredVersion(profile.CustomerId);
                        var exists = storedVersion > 0;
                        if (storedVersion != expected || (expected == 0 && exists))
                        {
                            conflicts.Add(profile.CustomerId);
                        }
                        else
                        {
                            if (exists)
                            {
                                _profiles.Update(documents[i]);
                            }
                            else
                            {
                                _profiles.Insert(documents[i]);
                            }

                            versions[profile.CustomerId] = expected + 1;
                        }
                    }
                });

                foreach (var (customerId, version) in versions)
                {
                    RememberSaved(customerId, version);
                }
            }

            return conflicts;
        }, ct);

    /// <summary>The stored profile's version (0: none); call under the write gate (a compare-and-swap: the read and the write must not interleave with another saver).</summary>
    private long StoredVersion(string customerId) =>
        _savedVersions.TryGetValue(customerId, out var version) ? version
        : _profiles.FindById(customerId) is { } stored ? stored[nameof(BehaviorProfile.Version)].AsInt64
        : 0;

    private void RememberSaved(string customerId, long version)
    {
        if (_savedVersions.Count >= MaxRememberedVersions)
        {
            _savedVersions.Clear();
        }

        _savedVersions[customerId] = version;
    }

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
