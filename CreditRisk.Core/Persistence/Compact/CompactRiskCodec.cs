using System.Buffers;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Persistence.Compact;

/// <summary>
/// Stored assessments (history rows) and current-risk rows as compact bytes for the SQLite store. Every transaction
/// and every nightly re-score writes one of each; encoding them with LiteDB's reflection mapper was most of the
/// assessment write's CPU. The features stay outside (a feature-set id and <see cref="FeatureVectorCodec"/> values).
/// </summary>
/// <remarks>
/// Each encoding starts with four bytes of its own (<c>CRa</c> or <c>CRc</c> and a format version). A BSON document
/// starts with its length as a little-endian int32, which those bytes would make about 23 MB, so rows written as BSON
/// by earlier versions are told apart and still read (<see cref="IsCompactAssessment"/>, <see cref="IsCompactCurrent"/>).
/// Times are stored as whole UTC milliseconds, as the BSON documents held them.
/// </remarks>
internal static class CompactRiskCodec
{
    private static ReadOnlySpan<byte> AssessmentMagic => [(byte)'C', (byte)'R', (byte)'a', 1];

    private static ReadOnlySpan<byte> CurrentMagic => [(byte)'C', (byte)'R', (byte)'c', 1];

    public static bool IsCompactAssessment(ReadOnlySpan<byte> bytes) => bytes.StartsWith(AssessmentMagic);

    public static bool IsCompactCurrent(ReadOnlySpan<byte> bytes) => bytes.StartsWith(CurrentMagic);

    /// <summary>Everything but the features, which <paramref name="featureSetId"/> and <paramref name="featureValues"/> hold.</summary>
    public static byte[] EncodeAssessment(RiskAssessment assessment, string featureSetId, byte[] featureValues)
    {
        var writer = new ArrayBufferWriter<byte>(256 + featureValues.Length);
        writer.Write(AssessmentMagic);
        writer.WriteNullableString(assessment.Id);
        writer.WriteNullableString(assessment.CustomerId);
        writer.WriteTime(assessment.AssessedAt);
        writer.WriteNullableTime(assessment.ComputedAt);
        writer.WriteNullableString(assessment.Trigger);
        writer.WriteString(featureSetId);
        writer.WriteBytes(featureValues);
        writer.WriteNullableDouble(assessment.LogisticProbability);
        writer.WriteNullableDouble(assessment.TreeProbability);
        writer.WriteNullableDouble(assessment.EnsembleProbability);
        WriteNullableBand(writer, assessment.ModelBand);
        writer.WriteByte((byte)assessment.RuleBand);
        writer.WriteByte((byte)assessment.Band);
        WriteNullableBand(writer, assessment.PreviousBand);
        writer.WriteNullableString(assessment.EscalationBasis);
        writer.WriteNullableLong(assessment.ProfileVersion);

        var hits = assessment.RuleHits ?? [];
        writer.WriteVarint((ulong)hits.Count);
        foreach (var hit in hits)
        {
            writer.WriteNullableString(hit.RuleId);
            writer.WriteByte((byte)hit.Band);
            writer.WriteNullableString(hit.Reason);
        }

        WriteStrings(writer, assessment.Reasons);
        writer.WriteNullableString(assessment.ModelVersion);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The assessment, its features read back by <paramref name="features"/> from the set id and the values.</summary>
    public static RiskAssessment DecodeAssessment(ReadOnlySpan<byte> bytes, Func<string, byte[], List<FeatureValue>> features)
    {
        var reader = CompactEncoding.Reader.After(bytes, AssessmentMagic, "assessment");
        var id = reader.NullableString()!;
        var customerId = reader.NullableString()!;
        var assessedAt = reader.Time();
        var computedAt = reader.NullableTime();
        var trigger = reader.NullableString()!;
        var setId = reader.String();
        var values = reader.Bytes();
        var logistic = reader.NullableDouble();
        var tree = reader.NullableDouble();
        var ensemble = reader.NullableDouble();
        var modelBand = ReadNullableBand(ref reader);
        var ruleBand = ReadBand(ref reader);
        var band = ReadBand(ref reader);
        var previousBand = ReadNullableBand(ref reader);
        var escalationBasis = reader.NullableString();
        var profileVersion = reader.NullableLong();

        var hits = new List<RuleHit>(Count(ref reader));
        for (var i = hits.Capacity; i > 0; i--)
        {
            hits.Add(new RuleHit(reader.NullableString()!, ReadBand(ref reader), reader.NullableString()!));
        }

        var reasons = ReadStrings(ref reader);
        var modelVersion = reader.NullableString();
        reader.EnsureEnd("assessment");
        return new RiskAssessment
        {
            Id = id,
            CustomerId = customerId,
            AssessedAt = assessedAt,
            ComputedAt = computedAt,
            Trigger = trigger,
            Features = features(setId, values),
            LogisticProbability = logistic,
            TreeProbability = tree,
            EnsembleProbability = ensemble,
            ModelBand = modelBand,
            RuleBand = ruleBand,
            Band = band,
            PreviousBand = previousBand,
            EscalationBasis = escalationBasis,
            ProfileVersion = profileVersion,
            RuleHits = hits,
            Reasons = reasons,
            ModelVersion = modelVersion,
        };
    }

    public static byte[] EncodeCurrent(CustomerRisk risk)
    {
        var writer = new ArrayBufferWriter<byte>(256);
        writer.Write(CurrentMagic);
        writer.WriteNullableString(risk.CustomerId);
        writer.WriteNullableString(risk.AssessmentId);
        writer.WriteTime(risk.AssessedAt);
        writer.WriteNullableTime(risk.ComputedAt);
        writer.WriteByte((byte)risk.Band);
        writer.WriteDouble(risk.Score);
        WriteStrings(writer, risk.Reasons);
        WriteStrings(writer, risk.RuleIds);
        writer.WriteNullableString(risk.ModelVersion);
        writer.WriteNullableString(risk.EscalationBasis);
        writer.WriteNullableLong(risk.ProfileVersion);
        return writer.WrittenSpan.ToArray();
    }

    public static CustomerRisk DecodeCurrent(ReadOnlySpan<byte> bytes)
    {
        var reader = CompactEncoding.Reader.After(bytes, CurrentMagic, "current-risk row");
        var risk = new CustomerRisk
        {
            CustomerId = reader.NullableString()!,
            AssessmentId = reader.NullableString()!,
            AssessedAt = reader.Time(),
            ComputedAt = reader.NullableTime(),
            Band = ReadBand(ref reader),
            Score = reader.Double(),
            Reasons = ReadStrings(ref reader),
            RuleIds = ReadStrings(ref reader),
            ModelVersion = reader.NullableString(),
            EscalationBasis = reader.NullableString(),
            ProfileVersion = reader.NullableLong(),
        };
        reader.EnsureEnd("current-risk row");
        return risk;
    }

    private static void WriteNullableBand(ArrayBufferWriter<byte> writer, RiskBand? band) =>
        writer.WriteByte(band is { } b ? (byte)((int)b + 1) : (byte)0);

    private static RiskBand? ReadNullableBand(ref CompactEncoding.Reader reader) =>
        reader.Byte() is var b and > 0 ? ToBand(b - 1) : null;

    private static RiskBand ReadBand(ref CompactEncoding.Reader reader) => ToBand(reader.Byte());

    private static RiskBand ToBand(int value) => Enum.IsDefined((RiskBand)value)
        ? (RiskBand)value
        : throw new InvalidDataException($"A stored risk band has the unknown value {value}.");

    private static void WriteStrings(ArrayBufferWriter<byte> writer, List<string>? values)
    {
        writer.WriteVarint((ulong)(values?.Count ?? 0));
        foreach (var value in values ?? [])
        {
            writer.WriteNullableString(value);
        }
    }

    private static List<string> ReadStrings(ref CompactEncoding.Reader reader)
    {
        var values = new List<string>(Count(ref reader));
        for (var i = values.Capacity; i > 0; i--)
        {
            values.Add(reader.NullableString()!);
        }

        return values;
    }

    /// <summary>A list's length, checked against what a corrupt row could claim before anything is allocated.</summary>
    private static int Count(ref CompactEncoding.Reader reader)
    {
        var count = reader.Varint();
        return count <= 100_000 ? (int)count : throw new InvalidDataException($"A stored list claims {count} items.");
    }
}
