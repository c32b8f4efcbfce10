using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Training;

namespace CreditRisk.Tests.Training;

public sealed class CrossValidationTests
{
    private static readonly ModelOptions Candidates = new()
    {
        TreeLeavesChoices = "2,128",
        TreeMinLeafSizeChoices = "5",
        LogisticL2Choices = "1",
        CrossValidationFolds = 3,
    };

    [Fact]
    public void Run_OneThresholdAndNoise_ChoosesTheSmallTree()
    {
        // Risk steps once on utilisation; every other input is noise a 128-leaf tree with 5-row leaves would memorise.
        var (rows, labels) = Rows(3_000, seed: 1, row => row[FeatureIndex.UtilisationPct] > 50 ? 0.5 : 0.1);

        var outcome = Assert.IsType<CrossValidationOutcome>(CrossValidation.Run(rows, labels, Groups(rows), Candidates, seed: 42, withChallenger: false));

        Assert.Equal(new TreeSize(2, 5), outcome.Tree);
        Assert.True(outcome.TreeCandidates[0].MeanAuc > outcome.TreeCandidates[1].MeanAuc);
    }

    [Fact]
    public void Run_ThreeWayInteraction_ChoosesTheLargeTree()
    {
        // Bad only when three inputs are all high: two leaves cannot express it.
        var (rows, labels) = Rows(3_000, seed: 2, row =>
            row[FeatureIndex.UtilisationPct] > 50 && row[FeatureIndex.CashWithdrawalPct30d] > 50 && row[FeatureIndex.PaymentRatio] < 0.5 ? 0.9 : 0.05);

        var outcome = Assert.IsType<CrossValidationOutcome>(CrossValidation.Run(rows, labels, Groups(rows), Candidates, seed: 42, withChallenger: false));

        Assert.Equal(new TreeSize(128, 5), outcome.Tree);
        Assert.Equal(3, outcome.Models[ModelNames.Tree].Folds.Count);
        Assert.True(outcome.Models[ModelNames.Tree].Mean > 0.8);
    }

    [Fact]
    public void Train_RecordsTheChosenSettingsAndEveryModelsFoldAucs()
    {
        var (rows, labels) = Rows(3_000, seed: 3, row => row[FeatureIndex.UtilisationPct] > 50 ? 0.5 : 0.1);

        var trained = new ModelTrainer(Candidates).Train("v", rows, labels, seed: 42, groups: Groups(rows));

        var cv = Assert.IsType<CrossValidationOutcome>(trained.CrossValidation);
        Assert.Equal(["challenger", "ensemble", "logistic", "tree"], cv.Models.Keys.Order());
        var settings = ModelPackage.ReadManifest(trained.PackageBytes).Settings;
        Assert.Equal("2", settings["tree_leaves"]);
        Assert.Contains("3-fold cross-validation", settings["hyperparameters"], StringComparison.Ordinal);
        Assert.Contains("3-fold cross-fitted", trained.Calibration, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_TooFewRowsForLightGbmLeaves_NoChallengerAndTheSettingsSayWhy()
    {
        // 40 rows cannot hold two leaves of 50: every LightGBM tree would be a single leaf, which ML.NET throws on.
        var (rows, labels) = Rows(40, seed: 5, row => row[FeatureIndex.UtilisationPct] > 50 ? 0.6 : 0.2);

        var trained = new ModelTrainer(new ModelOptions()).Train("v", rows, labels, seed: 42, groups: Groups(rows));

        Assert.False(trained.Model.HasChallenger);
        Assert.Equal(
            "none: 40 training rows are too few for LightGBM trees of leaves with at least 50 rows",
            ModelPackage.ReadManifest(trained.PackageBytes).Settings["challenger"]);
    }

    [Fact]
    public void Run_TooFewBadRows_NothingCrossValidated()
    {
        var (rows, labels) = Rows(200, seed: 4, _ => 0.03);

        Assert.Null(CrossValidation.Run(rows, labels, Groups(rows), Candidates, seed: 42, withChallenger: false));
    }

    [Fact]
    public void Validate_MalformedChoices_NamesTheSetting()
    {
        var options = new ModelOptions { TreeLeavesChoices = "8, lots", LogisticL2Choices = "" };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains("Models:TreeLeavesChoices", StringComparison.Ordinal) && e.Contains("8, lots", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Models:LogisticL2Choices", StringComparison.Ordinal));
    }

    private static List<string> Groups(List<double?[]> rows) => [.. rows.Select((_, i) => $"C{i}")];

    private static (List<double?[]> Rows, List<bool> Labels) Rows(int count, int seed, Func<double?[], double> badRate)
    {
        var random = new Random(seed);
        var rows = new List<double?[]>(count);
        var labels = new List<bool>(count);
        for (var i = 0; i < count; i++)
        {
            var row = new double?[FeatureIndex.Count];
            for (var f = 0; f < row.Length; f++)
            {
                row[f] = random.NextDouble() * 100;
            }

            row[FeatureIndex.PaymentRatio] = random.NextDouble();
            rows.Add(row);
            labels.Add(random.NextDouble() < badRate(row));
        }

        return (rows, labels);
    }
}
