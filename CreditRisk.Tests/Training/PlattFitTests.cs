using CreditRisk.Core.Scoring;
using CreditRisk.Core.Training;

namespace CreditRisk.Tests.Training;

public sealed class PlattFitTests
{
    [Theory]
    [InlineData(-1.0, 0.0)]
    [InlineData(-2.0, 1.5)]
    [InlineData(-0.5, -0.7)]
    public void Fit_OutcomesDrawnFromAScaling_RecoversIt(double slope, double offset)
    {
        var random = new Random(1);
        var margins = Enumerable.Range(0, 40_000).Select(_ => (random.NextDouble() * 8) - 5).ToList();
        var truth = new PlattScaling(slope, offset);
        var labels = margins.Select(m => random.NextDouble() < truth.Probability(m)).ToList();

        var fitted = Assert.NotNull(PlattFit.Fit(margins, labels));

        Assert.Equal(slope, fitted.Slope, 0.1);
        Assert.Equal(offset, fitted.Offset, 0.1);
    }

    [Fact]
    public void Fit_PerfectlySeparated_FiniteThanksToTheSmoothedTargets()
    {
        double[] margins = [-3, -2, -1, 1, 2, 3];
        bool[] labels = [false, false, false, true, true, true];

        var fitted = Assert.NotNull(PlattFit.Fit(margins, labels));

        Assert.True(double.IsFinite(fitted.Slope) && fitted.Slope < 0);
        Assert.InRange(fitted.Probability(3), 0.5, 1);
        Assert.InRange(fitted.Probability(-3), 0, 0.5);
    }

    [Fact]
    public void Fit_OneOutcomeOnly_None()
    {
        Assert.Null(PlattFit.Fit([0.1, 0.2], [false, false]));
    }

    [Fact]
    public void Logit_ThenIdentityScaling_GivesTheProbabilityBack()
    {
        var identity = new PlattScaling(-1, 0);

        foreach (var p in new[] { 0.001, 0.1, 0.5, 0.93 })
        {
            Assert.Equal(p, identity.Probability(PlattScaling.Logit(p)), 12);
        }

        Assert.True(double.IsFinite(PlattScaling.Logit(0)) && double.IsFinite(PlattScaling.Logit(1)));
    }
}
