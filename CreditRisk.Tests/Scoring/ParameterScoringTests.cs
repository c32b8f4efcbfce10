using CreditRisk.Core.Scoring;
using CreditRisk.Core.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CreditRisk.Tests.Scoring;

/// <summary>The hand-written scorers must give ML.NET's own probabilities, before and after a package round trip.</summary>
public sealed class ParameterScoringTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Score_Logistic_EqualsMlNetPrediction()
    {
        var expected = MlNetProbabilities(fixture.Trained.Logistic);

        var actual = fixture.TestRows.Select(r => fixture.Model.Probabilities(r).Logistic).ToArray();

        AssertClose(expected, actual);
    }

    [Fact]
    public void Score_Tree_EqualsMlNetPrediction()
    {
        // The single tree is a regression tree on the 0/1 outcome: its score is the probability (a leaf's bad rate).
        var expected = MlNetOutputs(fixture.Trained.Tree, "Score");

        var actual = fixture.TestRows.Select(r => fixture.Model.Probabilities(r).Tree).ToArray();

        AssertClose(expected, actual);
        Assert.InRange(actual.Distinct().Count(), 3, fixture.Options.TreeLeaves);
        Assert.All(actual, p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void ScoreChallenger_MarginEqualsMlNetsAndIsPlattScaledOnKeptBackRows()
    {
        // LightGBM's trees score through the extracted parameters exactly as in ML.NET; the probability then uses the
        // Platt scaling fitted on the challenger's kept-back rows instead of ML.NET's in-sample calibrator.
        var expected = MlNetOutputs(fixture.Trained.Challenger!, "Score");
        var challenger = fixture.Model.Challenger!;

        var margins = fixture.TestRows.Select(r => Margin(challenger, r)).ToArray();

        AssertClose(expected, margins);
        var calibration = Assert.IsType<PlattScaling>(ModelPackage.ReadManifest(fixture.Trained.PackageBytes).ChallengerCalibration);
        Assert.Equal<PlattScaling?>(calibration, challenger.Calibration);
        Assert.All(fixture.TestRows.Take(100), r => Assert.Equal(calibration.Probability(Margin(challenger, r)), fixture.Model.ScoreChallenger(r)!.Value, 12));
    }

    private double Margin(TreeEnsembleScorer scorer, double?[] row)
    {
        var x = new float[fixture.Model.Layout.Width];
        fixture.Model.Layout.Transform(row, x);
        return scorer.Margin(x);
    }

    [Fact]
    public void Load_PackageBytes_ScoresLikeTheModelThatWasTrained()
    {
        var loaded = ModelPackage.Load("v-test", fixture.Trained.PackageBytes);

        foreach (var row in fixture.TestRows.Take(500))
        {
            Assert.Equal(fixture.Model.Probabilities(row), loaded.Probabilities(row));
            Assert.Equal(fixture.Model.ScoreChallenger(row), loaded.ScoreChallenger(row));
        }
    }

    [Fact]
    public void Load_PackageBytes_StoredMlNetModelsPredictTheSame()
    {
        var ml = new MLContext();
        var logistic = ModelPackage.LoadModel(ml, fixture.Trained.PackageBytes, ModelPackage.LogisticEntry)!;
        var tree = ModelPackage.LoadModel(ml, fixture.Trained.PackageBytes, ModelPackage.TreeEntry)!;
        var loaded = ModelPackage.Load("v-test", fixture.Trained.PackageBytes);

        AssertClose(MlNetProbabilities(logistic), fixture.TestRows.Select(r => loaded.Probabilities(r).Logistic).ToArray());
        AssertClose(MlNetOutputs(tree, "Score"), fixture.TestRows.Select(r => loaded.Probabilities(r).Tree).ToArray());
    }

    /// <summary>The logistic model's own probabilities (its inputs include the step columns).</summary>
    private double[] MlNetProbabilities(ITransformer model) => MlNetOutputs(model, "Probability", logistic: true);

    /// <summary>One float output column of ML.NET's own prediction over the test rows.</summary>
    private double[] MlNetOutputs(ITransformer model, string column, bool logistic = false)
    {
        var ml = new MLContext();
        var data = ModelTrainer.ToDataView(ml, fixture.Model.Layout, fixture.TestRows, fixture.TestLabels, logistic);
        return [.. model.Transform(data).GetColumn<float>(column).Select(v => (double)v)];
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Length >= 3000);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < Tolerance, $"max |ML.NET − parameters| = {worst:E3}");
        Assert.True(expected.Distinct().Count() > 2, "degenerate predictions prove nothing");
    }
}
