using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Persistence;

/// <summary>
/// The compact form of an assessment's features both embedded adapters store: 8 bytes per value plus the id of the
/// list of names, derived from the names, so any store holding that list reads the values back with their own names.
/// A missing value (null) is stored as NaN, which the feature engine never produces (it reports an uncomputable
/// feature as null).
/// </summary>
internal static class FeatureVectorCodec
{
    /// <summary>The id of a list of feature names: the first 8 bytes of the SHA-256 of the names, in hex.</summary>
    public static string SetId(IEnumerable<string> names) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', names))), 0, 8);

    public static byte[] EncodeValues(IReadOnlyList<FeatureValue> features)
    {
        var values = new byte[features.Count * sizeof(double)];
        for (var i = 0; i < features.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(values.AsSpan(i * sizeof(double)), features[i].Value ?? double.NaN);
        }

        return values;
    }

    public static List<FeatureValue> DecodeValues(string setId, string[] names, byte[] values)
    {
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
}
