using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Training;

namespace CreditRisk.Tests.Scoring;

public sealed class EnsembleRiskModelTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Score_Ensemble_IsTheConfiguredWeightedBlend()
    {
        foreach (var row in fixture.TestRows.Take(200))
        {
            var score = fixture.Model.Score(row);
            Assert.Equal((0.6 * score.Logistic) + (0.4 * score.Tree), score.Ensemble, 12);
        }
    }

    [Fact]
    public void Train_OtherWeights_BlendsWithThoseWeights()
    {
        var options = new ModelOptions { LogisticWeight = 0.25, TreeWeight = 0.75, ChallengerTrees = 2 };
        var model = new ModelTrainer(options).Train("v-w", fixture.TrainRows, fixture.TrainLabels, seed: 42, withChallenger: false).Model;

        var score = model.Score(fixture.TestRows[0]);

        Assert.Equal(0.25, model.LogisticWeight);
        Assert.Equal((0.25 * score.Logistic) + (0.75 * score.Tree), score.Ensemble, 12);
        Assert.False(model.HasChallenger);
    }

    [Fact]
    public void Train_SyntheticSignal_RanksBadCasesAboveGoodOnes()
    {
        var bad = fixture.TestRows.Where((_, i) => fixture.TestLabels[i]).Average(r => fixture.Model.Score(r).Ensemble);
        var good = fixture.TestRows.Where((_, i) => !fixture.TestLabels[i]).Average(r => fixture.Model.Score(r).Ensemble);

        Assert.True(bad > good + 0.1, $"mean bad {bad:F3} vs good {good:F3}");
    }

    [Fact]
    public void Explain_Contributions_AddUpToTheLogisticMargin()
    {
        foreach (var row in fixture.TestRows.Take(100))
        {
            var explanation = fixture.Model.Explain(row);
            var margin = fixture.Model.Logistic.Bias + explanation.Contributions.Sum(c => c.Contribution);

            Assert.Equal(explanation.Score.Logistic, fixture.Model.Logistic.Calibration.Probability(margin), 9);
            Assert.Equal(FeatureNames.Ordered, explanation.Contributions.Select(c => c.Feature));
        }
    }

    [Fact]
    public void Explain_RiskyCustomer_GivesUpToFourReasonsForTheLargestRisingContributions()
    {
        var row = new double?[FeatureIndex.Count];
        row[FeatureIndex.UtilisationPct] = 118;
        row[FeatureIndex.CashWithdrawalPct30d] = 46.2;
        row[FeatureIndex.MinDueOnlyStreak] = 4;
        row[FeatureIndex.MaxDpd6m] = 35;
        row[FeatureIndex.DelinquentCycles6m] = 2;
        row[FeatureIndex.OverLimitCount90d] = 5;
        row[FeatureIndex.PaymentRatio] = 0.05;

        var explanation = fixture.Model.Explain(row);

        var expected = explanation.Contributions
            .Where(c => c.Value is not null && c.Contribution >= EnsembleRiskModel.MinReasonContribution)
            .OrderByDescending(c => c.Contribution)
            .Take(4)
            .Select(c => ReasonPhrases.Describe(c.Feature, c.Value));
        Assert.Equal(4, explanation.Reasons.Count);
        Assert.Equal(expected, explanation.Reasons);
        Assert.Equal(explanation.Score, fixture.Model.Score(row));
    }

    [Fact]
    public void Explain_HighCashShareAlone_IsPhrasedAsTheReason()
    {
        var row = new double?[FeatureIndex.Count];
        row[FeatureIndex.CashWithdrawalPct30d] = 46.2;

        var explanation = fixture.Model.Explain(row);

        Assert.Equal(["Cash withdrawals are 46% of your spending"], explanation.Reasons);
    }

    [Fact]
    public void Explain_MaxReasonsZero_GivesNoReasons()
    {
        Assert.Empty(fixture.Model.Explain(fixture.TestRows[0], maxReasons: 0).Reasons);
    }

    [Fact]
    public void Score_ShortVector_Throws()
    {
        Assert.Throws<ArgumentException>(() => fixture.Model.Score(new double?[3]));
    }
}
