using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Training;

namespace CreditRisk.Tests.Scoring;

public sealed class EnsembleRiskModelTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Probabilities_Ensemble_IsTheConfiguredWeightedBlendRecalibrated()
    {
        var calibration = Assert.NotNull(fixture.Model.Calibration);
        foreach (var row in fixture.TestRows.Take(200))
        {
            var score = fixture.Model.Probabilities(row);
            var blend = (0.6 * score.Logistic) + (0.4 * score.Tree);
            Assert.Equal(calibration.Probability(PlattScaling.Logit(blend)), score.Ensemble, 12);
        }
    }

    [Fact]
    public void Probabilities_RecalibrationKeepsTheBlendsOrder()
    {
        var pairs = fixture.TestRows.Take(500).Select(r => fixture.Model.Probabilities(r))
            .Select(s => (Blend: (0.6 * s.Logistic) + (0.4 * s.Tree), s.Ensemble))
            .OrderBy(p => p.Blend)
            .ToList();

        for (var i = 1; i < pairs.Count; i++)
        {
            Assert.True(pairs[i].Ensemble >= pairs[i - 1].Ensemble, $"blend {pairs[i].Blend} scored below blend {pairs[i - 1].Blend}");
        }
    }

    [Fact]
    public void Train_OtherWeights_BlendsWithThoseWeights()
    {
        var options = new ModelOptions { LogisticWeight = 0.25, TreeWeight = 0.75 };
        var model = new ModelTrainer(options).Train("v-w", fixture.TrainRows, fixture.TrainLabels, seed: 42, withChallenger: false).Model;

        var score = model.Probabilities(fixture.TestRows[0]);

        Assert.Equal(0.25, model.LogisticWeight);
        Assert.Equal(model.Calibration!.Value.Probability(PlattScaling.Logit((0.25 * score.Logistic) + (0.75 * score.Tree))), score.Ensemble, 12);
        Assert.False(model.HasChallenger);
    }

    [Fact]
    public void Train_SyntheticSignal_RanksBadCasesAboveGoodOnes()
    {
        var bad = fixture.TestRows.Where((_, i) => fixture.TestLabels[i]).Average(r => fixture.Model.Probabilities(r).Ensemble);
        var good = fixture.TestRows.Where((_, i) => !fixture.TestLabels[i]).Average(r => fixture.Model.Probabilities(r).Ensemble);

        Assert.True(bad > good + 0.1, $"mean bad {bad:F3} vs good {good:F3}");
    }

    [Fact]
    public void Score_SameProbabilitiesAsTheAllocationFreePath()
    {
        foreach (var row in fixture.TestRows.Take(100))
        {
            var score = fixture.Model.Score(row);
            Assert.Equal(fixture.Model.Probabilities(row), new ModelProbabilities(score.Logistic, score.Tree, score.Ensemble));
        }
    }

    [Fact]
    public void Score_Contributions_AddUpToTheLogisticMarginLargestAbsoluteFirst()
    {
        foreach (var row in fixture.TestRows.Take(100))
        {
            var score = fixture.Model.Score(row);
            var margin = fixture.Model.Logistic.Bias + score.Contributions.Sum(c => c.Contribution);

            Assert.Equal(score.Logistic, fixture.Model.Logistic.Calibration.Probability(margin), 9);
            Assert.Equal(FeatureNames.Ordered.Order(), score.Contributions.Select(c => c.Feature).Order());
            Assert.Equal(score.Contributions.OrderByDescending(c => Math.Abs(c.Contribution)), score.Contributions);
            Assert.All(score.Contributions, c => Assert.Equal(row[FeatureNames.Ordered.ToList().IndexOf(c.Feature)], c.Value));
        }
    }

    [Fact]
    public void Reasons_RiskyCustomer_UpToFourForTheLargestRisingContributions()
    {
        var row = new double?[FeatureIndex.Count];
        row[FeatureIndex.UtilisationPct] = 118;
        row[FeatureIndex.CashWithdrawalPct30d] = 46.2;
        row[FeatureIndex.MinDueOnlyStreak] = 4;
        row[FeatureIndex.MaxDpd6m] = 35;
        row[FeatureIndex.DelinquentCycles6m] = 2;
        row[FeatureIndex.OverLimitCount90d] = 5;
        row[FeatureIndex.PaymentRatio] = 0.05;

        var reasons = fixture.Model.Reasons(row);

        var expected = fixture.Model.Score(row).Contributions
            .Where(c => c.Value is not null && c.Contribution >= ReasonPhrases.MinContribution)
            .OrderByDescending(c => c.Contribution)
            .Take(4)
            .Select(c => ReasonPhrases.Describe(c.Feature, c.Value));
        Assert.Equal(4, reasons.Count);
        Assert.Equal(expected, reasons);
    }

    [Fact]
    public void Reasons_HighCashShareAlone_IsPhrasedAsTheReason()
    {
        var row = new double?[FeatureIndex.Count];
        row[FeatureIndex.CashWithdrawalPct30d] = 46.2;

        Assert.Equal(["Cash withdrawals are 46% of your spending"], fixture.Model.Reasons(row));
    }

    [Fact]
    public void Reasons_ThroughThePortDefault_MatchTheModelsOwn()
    {
        IRiskModel port = fixture.Model;
        var row = fixture.TestRows.First(r => fixture.Model.Reasons(r).Count > 0);

        Assert.Equal(fixture.Model.Reasons(row), ReasonPhrases.Top(port.Score(row).Contributions));
    }

    [Fact]
    public void Reasons_MaxZero_GivesNone()
    {
        Assert.Empty(fixture.Model.Reasons(fixture.TestRows[0], maxReasons: 0));
    }

    [Fact]
    public void Score_ShortVector_Throws()
    {
        Assert.Throws<ArgumentException>(() => fixture.Model.Score(new double?[3]));
    }
}
