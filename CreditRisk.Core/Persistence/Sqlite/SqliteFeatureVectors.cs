using System.Collections.Concurrent;
using CreditRisk.Core.Risk;
using LiteDB;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// The features of stored assessments as 8 bytes per value plus the id of their list of names, as the LiteDB adapter
/// keeps them (<c>LiteDbFeatureVectors</c>: same set ids, same name documents), instead of one <c>{Name, Value}</c>
/// sub-document per feature, which were most of a history row's size and of its encoding time.
/// </summary>
/// <remarks>
/// A list of names is stored in the transaction of the first history rows that use it, so a rolled-back batch never
/// leaves rows pointing at a list that was not stored (nor a list remembered as stored that is not). The encoding is
/// <see cref="FeatureVectorCodec"/>'s.
/// </remarks>
internal sealed class SqliteFeatureVectors(SqliteDatabase db)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS feature_sets (id TEXT NOT NULL PRIMARY KEY, doc BLOB NOT NULL);
        """;

    private const string Insert = "INSERT INTO feature_sets (id, doc) VALUES ($id, $doc) ON CONFLICT (id) DO NOTHING";

    /// <summary>Names by set id: encoded in this process or read from the store.</summary>
    private readonly ConcurrentDictionary<string, string[]> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idsByJoinedNames = new(StringComparer.Ordinal);

    /// <summary>Set ids known to be in the store (committed), so later batches skip their insert.</summary>
    private readonly ConcurrentDictionary<string, bool> _stored = new(StringComparer.Ordinal);

    /// <summary>The id of the names' list and the values; store the list with <see cref="StoreInTransaction"/>.</summary>
    public (string SetId, byte[] Values) Encode(IReadOnlyList<FeatureValue> features)
    {
        var names = features.Select(f => f.Name).ToArray();
        var setId = _idsByJoinedNames.GetOrAdd(string.Join('\n', names), _ =>
        {
            var id = FeatureVectorCodec.SetId(names);
            _known[id] = names;
            return id;
        });
        return (setId, FeatureVectorCodec.EncodeValues(features));
    }

    /// <summary>
    /// Inside the caller's write: stores the lists of <paramref name="setIds"/> not known to be stored. Returns what to
    /// run once the write has committed.
    /// </summary>
    public Action StoreInTransaction(SqliteSession session, IEnumerable<string> setIds)
    {
        var inserted = new List<string>();
        foreach (var setId in setIds.Distinct(StringComparer.Ordinal).Where(id => !_stored.ContainsKey(id)))
        {
            var document = new BsonDocument { ["_id"] = setId, ["Names"] = new BsonArray(_known[setId].Select(n => new BsonValue(n))) };
            session.Execute(Insert, ("$id", setId), ("$doc", SqliteDatabase.Encode(document)));
            inserted.Add(setId);
        }

        return () =>
        {
            foreach (var setId in inserted)
            {
                _stored[setId] = true;
            }
        };
    }

    public List<FeatureValue> Decode(string setId, byte[] values) =>
        FeatureVectorCodec.DecodeValues(setId, _known.GetOrAdd(setId, Load), values);

    private string[] Load(string setId) => db.Read(session =>
    {
        var bytes = session.Scalar("SELECT doc FROM feature_sets WHERE id = $id", ("$id", setId)) as byte[]
            ?? throw new InvalidDataException($"Stored assessments refer to feature set '{setId}', which the store does not hold.");
        return BsonSerializer.Deserialize(bytes)["Names"].AsArray.Select(n => n.AsString).ToArray();
    });
}
