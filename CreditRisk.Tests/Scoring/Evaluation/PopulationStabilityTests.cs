using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Tests.Scoring.Evaluation;

public sealed class PopulationStabilityTests
{
    [Fact]
    public void Index_TwoBins_IsSumOfDifferenceTimesLogRatio()
    {
        // (0.4 − 0.5) ln(0.4/0.5) + (0.6 − 0.5) ln(0.6/0.5) = 0.0223144 + 0.0182322.
        Assert.Equal(0.04054651, PopulationStability.Index([0.5, 0.5], [0.4, 0.6]), 8);
    }

    [Fact]
    public void Index_SameShares_IsZero()
    {
        Assert.Equal(0, PopulationStability.Index([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 12);
    }

    [Fact]
    public void Index_EmptyBin_IsFlooredNotInfinite()
    {
        // (0.0001 − 0.5) ln(0.0001/0.5) + (1 − 0.5) ln(1/0.5) = 4.2577 + 0.3466.
        var psi = PopulationStability.Index([0.5, 0.5], [0, 1]);

        Assert.Equal(4.604318, psi, 5);
    }

    [Theory]
    [InlineData(0.05, "stable")]
    [InlineData(0.0999, "stable")]
    [InlineData(0.1, "watch")]
    [InlineData(0.25, "watch")]
    [InlineData(0.2501, "shifted")]
    public void Read_UsualThresholds(double psi, string reading)
    {
        Assert.Equal(reading, PopulationStability.Read(psi));
    }

    [Fact]
    public void FromScores_TenDistinctScores_MakesDeciles()
    {
        var distribution = ScoreDistribution.FromScores([.. Enumerable.Range(1, 10).Select(i => (double)i)]);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], distribution.Edges);
        Assert.All(distribution.Shares, s => Assert.Equal(0.1, s, 12));
    }

    [Fact]
    public void FromScores_HeavyTies_MergesBins()
    {
        var distribution = ScoreDistribution.FromScores([0.2, 0.2, 0.2, 0.2, 0.2, 0.7, 0.7, 0.7, 0.7, 0.7]);

        Assert.Equal([0.2], distribution.Edges);
        Assert.Equal([0.5, 0.5], distribution.Shares);
    }

    [Fact]
    public void Compare_ShiftedScores_ReadsShifted()
    {
        var reference = ScoreDistribution.FromScores([.. Enumerable.Range(0, 1000).Select(i => i / 1000d)]);

        var same = PopulationStability.Compare(reference, [.. Enumerable.Range(0, 500).Select(i => i / 500d)]);
        var shifted = PopulationStability.Compare(reference, [.. Enumerable.Range(0, 500).Select(i => 0.6 + (i / 1250d))]);

        Assert.Equal("stable", same.Reading);
        Assert.Equal("shifted", shifted.Reading);
    }
}
