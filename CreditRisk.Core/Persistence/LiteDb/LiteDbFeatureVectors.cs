using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
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
        var values = new byte[features.Count * sizeof(double)];
        for (var i = 0; i < features.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(values.AsSpan(i * sizeof(double)), features[i].Value ?? double.NaN);
        }

        return (setId, values);
    }

    public List<FeatureValue> Decode(string setId, byte[] values)
    {
        var names = _known.GetOrAdd(setId, Load);
        if (values.Length != names.Length * sizeof(double))
        {
            throw new InvalidDataException($"A stored feature vector of set '{setId}' holds {values.Length} bytes for {names.Length} features.");
        }

        var features = new List<FeatureValue>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(values.AsSpan(i * sizeof(double)));
            features.Add(new FeatureValue(names[i], double.IsNaN(value) ? null : value));
        }

        return features;
    }

    private string Register(string[] names)
    {
        var setId = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', names))), 0, 8);
        db.Write(() => _sets.Upsert(new BsonDocument { ["_id"] = setId, ["Names"] = new BsonArray(names.Select(n => new BsonValue(n))) }));
        _known[setId] = names;
        return setId;
    }

    private string[] Load(string setId) => _sets.FindById(setId) is { } doc
        ? [.. doc["Names"].AsArray.Select(n => n.AsString)]
        : throw new InvalidDataException($"Stored assessments refer to feature set '{setId}', which the store does not hold.");
}
