using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.Compact;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence.Compact;

public sealed class CompactRiskCodecTests
{
    private static readonly DateTimeOffset Computed = new(2026, 3, 1, 10, 15, 0, 123, TimeSpan.FromHours(2));

    [Fact]
    public void Assessment_EveryFieldSet_ReadsBackEqual()
    {
        var assessment = A.Assessment() with
        {
            ComputedAt = Computed,
            EscalationBasis = "ra-0",
            ProfileVersion = 42,
            RuleHits =
            [
                new RuleHit("utilisation-over-90", RiskBand.High, "Utilisation is 93.5% of the limit"),
                new RuleHit("cash-withdrawal-high", RiskBand.Medium, "Cash is 55% of spend — ünïcode"),
            ],
        };

        var decoded = RoundTrip(assessment);

        JsonAssert.Equivalent(assessment with { ComputedAt = Computed.ToUniversalTime() }, decoded);
    }

    [Fact]
    public void Assessment_NullsAndEmptyLists_StayNullAndEmpty()
    {
        var assessment = A.Assessment(probability: null) with
        {
            PreviousBand = null,
            Features = [],
            RuleHits = [],
            Reasons = [],
            EscalationBasis = "",
        };

        var decoded = RoundTrip(assessment);

        JsonAssert.Equivalent(assessment, decoded);
        Assert.Null(decoded.ComputedAt);
        Assert.Null(decoded.ProfileVersion);
        Assert.Equal("", decoded.EscalationBasis);
    }

    [Fact]
    public void Assessment_Times_AreKeptToTheMillisecondInUtc()
    {
        var at = new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.FromHours(-5)).AddTicks(1_234_567);

        var decoded = RoundTrip(A.Assessment(at: at));

        Assert.Equal(CompactEncoding.AsStored(at), decoded.AssessedAt);
        Assert.Equal(TimeSpan.Zero, decoded.AssessedAt.Offset);
        Assert.Equal(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), decoded.AssessedAt.UtcTicks);
    }

    [Fact]
    public void CurrentRow_EveryFieldSet_ReadsBackEqual()
    {
        var risk = CustomerRiskProjection.From(A.Assessment() with { ComputedAt = Computed, EscalationBasis = "ra-0", ProfileVersion = 7 });

        var decoded = CompactRiskCodec.DecodeCurrent(CompactRiskCodec.EncodeCurrent(risk));

        JsonAssert.Equivalent(risk with { ComputedAt = Computed.ToUniversalTime() }, decoded);
    }

    [Fact]
    public void CurrentRow_NullsAndEmptyLists_StayNullAndEmpty()
    {
        var risk = CustomerRiskProjection.From(A.Assessment(probability: null) with { RuleHits = [], Reasons = [] });

        var decoded = CompactRiskCodec.DecodeCurrent(CompactRiskCodec.EncodeCurrent(risk));

        JsonAssert.Equivalent(risk, decoded);
        Assert.Null(decoded.ModelVersion);
        Assert.Null(decoded.ProfileVersion);
    }

    /// <summary>A field added to either record must be added to the codec, or it would be lost on every write.</summary>
    [Fact]
    public void Records_HaveExactlyTheFieldsTheCodecStores()
    {
        Assert.Equal(
            ["AssessedAt", "Band", "ComputedAt", "CustomerId", "EnsembleProbability", "EscalationBasis", "Features", "Id",
             "LogisticProbability", "ModelBand", "ModelVersion", "PreviousBand", "ProfileVersion", "Reasons", "RuleBand",
             "RuleHits", "TreeProbability", "Trigger"],
            typeof(RiskAssessment).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["AssessedAt", "AssessmentId", "Band", "ComputedAt", "CustomerId", "EscalationBasis", "ModelVersion",
             "ProfileVersion", "Reasons", "RuleIds", "Score"],
            typeof(CustomerRisk).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Decode_TruncatedBytes_IsAnInvalidDataError()
    {
        var assessment = CompactRiskCodec.EncodeAssessment(A.Assessment(), "set", new byte[16]);
        var current = CompactRiskCodec.EncodeCurrent(CustomerRiskProjection.From(A.Assessment()));

        Assert.Throws<InvalidDataException>(() => CompactRiskCodec.DecodeAssessment(assessment.AsSpan(0, assessment.Length - 3), (_, _) => []));
        Assert.Throws<InvalidDataException>(() => CompactRiskCodec.DecodeCurrent(current.AsSpan(0, current.Length - 1)));
        Assert.Throws<InvalidDataException>(() => CompactRiskCodec.DecodeCurrent([.. current, 0]));
    }

    [Fact]
    public void Decode_AnotherRecordsBytes_IsRefusedByItsMarker()
    {
        var current = CompactRiskCodec.EncodeCurrent(CustomerRiskProjection.From(A.Assessment()));

        Assert.False(CompactRiskCodec.IsCompactAssessment(current));
        Assert.True(CompactRiskCodec.IsCompactCurrent(current));
        Assert.Throws<InvalidDataException>(() => CompactRiskCodec.DecodeAssessment(current, (_, _) => []));
    }

    /// <summary>The features go through the caller's vector store; here a stand-in that keeps them by set id.</summary>
    private static RiskAssessment RoundTrip(RiskAssessment assessment)
    {
        var values = FeatureVectorCodec.EncodeValues(assessment.Features);
        var names = assessment.Features.Select(f => f.Name).ToArray();
        var bytes = CompactRiskCodec.EncodeAssessment(assessment, "set-1", values);
        return CompactRiskCodec.DecodeAssessment(bytes, (setId, stored) =>
        {
            Assert.Equal("set-1", setId);
            return FeatureVectorCodec.DecodeValues(setId, names, stored);
        });
    }
}
