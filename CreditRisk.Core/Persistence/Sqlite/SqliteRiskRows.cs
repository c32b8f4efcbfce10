using CreditRisk.Core.Persistence.Compact;
using CreditRisk.Core.Risk;
using LiteDB;

namespace CreditRisk.Core.Persistence.Sqlite;

/// <summary>
/// The bytes of the assessment-history and current-risk rows: written in <see cref="CompactRiskCodec"/>'s form; rows
/// that earlier versions wrote as the LiteDB mapper's BSON still read.
/// </summary>
internal sealed class SqliteRiskRows(SqliteDatabase db, SqliteFeatureVectors vectors)
{
    /// <summary>The earlier BSON history document's fields for the feature-set id and the values.</summary>
    private const string FeatureSet = "_featureSet";
    private const string FeatureValues = "_features";

    /// <summary>The history row of <paramref name="assessment"/> and the id of its feature names' list (to store with it).</summary>
    public (string SetId, byte[] Doc) EncodeHistory(RiskAssessment assessment)
    {
        var (setId, values) = vectors.Encode(assessment.Features);
        return (setId, CompactRiskCodec.EncodeAssessment(assessment, setId, values));
    }

    public RiskAssessment DecodeHistory(byte[] bytes)
    {
        if (CompactRiskCodec.IsCompactAssessment(bytes))
        {
            return CompactRiskCodec.DecodeAssessment(bytes, vectors.Decode);
        }

        var doc = BsonSerializer.Deserialize(bytes);
        var assessment = db.Mapper.ToObject<RiskAssessment>(doc);
        return doc.TryGetValue(FeatureValues, out var values)
            ? assessment with { Features = vectors.Decode(doc[FeatureSet].AsString, values.AsBinary) }
            : assessment;
    }

    public static byte[] EncodeCurrent(CustomerRisk risk) => CompactRiskCodec.EncodeCurrent(risk);

    public CustomerRisk DecodeCurrent(byte[] bytes) => CompactRiskCodec.IsCompactCurrent(bytes)
        ? CompactRiskCodec.DecodeCurrent(bytes)
        : db.Decode<CustomerRisk>(bytes);
}
