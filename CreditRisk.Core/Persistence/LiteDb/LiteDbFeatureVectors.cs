using System.Collections.Concurrent;
using CreditRisk.Core.Risk;
using LiteDB;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// The features of stored assessments as 8 bytes per value plus the id of their list of names, instead of one
/// <c>{Name, Value}</c> sub-document per feature: every scored transaction writes one history document, and those
/// sub-documents were most of its size and of its mapping time.
/// </summary>
/// <remarks>
/// Each distinct list of names is stored once, in its own collection, under an id derived from the names, so a
/// document written by any version of the feature engine reads back with its own names. A missing value (null) is
/// stored as NaN, which the feature engine never produces (it reports an uncomputable feature as null).
/// </remarks>
internal sealed class LiteDbFeatureVectors(LiteDbContext db)
{
    private readonly ILiteCollection<BsonDocument> _sets = db.Collection(LiteDbCollections.FeatureSets);
    private readonly ConcurrentDictionary<string, string[]> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idsByJoinedNames = new(StringComparer.Ordinal);

    /// <summary>The id of the names' list (stored on first use) and the values.</summary>
    public (string SetId, byte[] Values) Encode(IReadOnlyList<FeatureValue> features)
    {
        var names = features.Select(f => f.Name).ToArray();
        var setId = _idsByJoinedNames.GetOrAdd(string.Join('\n', names), _ => Register(names));
        return (setId, FeatureVectorCodec.EncodeValues(features));
    }

    public List<FeatureValue> Decode(string setId, byte[] values) =>
        FeatureVectorCodec.DecodeValues(setId, _known.GetOrAdd(setId, Load), values);

    private string Register(string[] names)
    {
        var setId = FeatureVectorCodec.SetId(names);
        db.Write(() => _sets.Upsert(new BsonDocument { ["_id"] = setId, ["Names"] = new BsonArray(names.Select(n => new BsonValue(n))) }));
        _known[setId] = names;
        return setId;
    }

    private string[] Load(string setId) => _sets.FindById(setId) is { } doc
        ? [.. doc["Names"].AsArray.Select(n => n.AsString)]
        : throw new InvalidDataException($"Stored assessments refer to feature set '{setId}', which the store does not hold.");
}
