using System.Text.Json;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Snapshots;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using CreditRisk.Tests.Training;

namespace CreditRisk.Tests.Cli;

public sealed class TrainAndEvaluateCommandTests(PortfolioFixture portfolio) : IClassFixture<PortfolioFixture>, IDisposable
{
    private readonly string _dir = TestDirectories.New();

    public void Dispose()
    {
        TestDirectories.Delete(_dir);
    }

    [Fact]
    public async Task Train_PrintsOneJsonObjectWithEveryModelBlock_ThenEvaluateReadsTheChampion()
    {
        var (code, stdout, stderr) = await RunAsync("train", "--data", portfolio.Directory, "--holdout", "0.25", "--seed", "5", "--promote");

        Assert.True(code == 0, stderr);
        using var train = JsonDocument.Parse(stdout);
        var root = train.RootElement;
        var version = root.GetProperty("version").GetString();
        Assert.Equal(800, root.GetProperty("rows").GetInt32());
        Assert.True(root.GetProperty("positives").GetInt32() > 0);
        Assert.True(root.GetProperty("promoted").GetBoolean());
        foreach (var model in new[] { "logistic", "tree", "ensemble", "challenger" })
        {
            var block = root.GetProperty("models").GetProperty(model);
            foreach (var metric in new[] { "auc", "ks", "gini", "accuracy", "precision", "recall", "f1", "brier" })
            {
                Assert.Equal(JsonValueKind.Number, block.GetProperty(metric).ValueKind);
            }
        }

        (code, stdout, stderr) = await RunAsync("evaluate", "--data", portfolio.Directory);

        Assert.True(code == 0, stderr);
        using var evaluate = JsonDocument.Parse(stdout);
        Assert.Equal(version, evaluate.RootElement.GetProperty("version").GetString());
        Assert.Equal("all", evaluate.RootElement.GetProperty("evaluated_on").GetString());
        Assert.Equal(800, evaluate.RootElement.GetProperty("models").GetProperty("ensemble").GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Train_MissingDirectory_MessageOnStderrAndNonZeroExit()
    {
        var (code, stdout, stderr) = await RunAsync("train", "--data", Path.Combine(_dir, "nope"));

        Assert.NotEqual(0, code);
        Assert.Empty(stdout);
        Assert.Contains("does not exist", stderr);
    }

    [Fact]
    public async Task Train_WriteHoldoutWithoutSnapshot_IsRejectedNotIgnored()
    {
        var target = Path.Combine(_dir, "holdout.txt");

        var (code, _, stderr) = await RunAsync("train", "--data", portfolio.Directory, "--write-holdout", target);

        Assert.NotEqual(0, code);
        Assert.Contains("--write-holdout applies to --snapshot only.", stderr);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Train_SnapshotWithLabels_IsRejectedNotIgnored()
    {
        var (code, _, stderr) = await RunAsync("train", "--snapshot", Path.Combine(_dir, "snapshot.csv"), "--labels", "file");

        Assert.Equal(2, code);
        Assert.Contains("--labels applies to --data only", stderr);
    }

    [Fact]
    public async Task Train_WriteHoldoutIntoAMissingDirectory_RefusedBeforeAnythingIsTrainedOrRegistered()
    {
        var (code, _, stderr) = await RunAsync(
            "train", "--snapshot", Path.Combine(_dir, "snapshot.csv"), "--promote", "--write-holdout", Path.Combine(_dir, "no such dir", "holdout.csv"));

        Assert.Equal(2, code);
        Assert.Contains("The directory of --write-holdout", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "store.db")));
    }

    [Fact]
    public async Task Train_HoldoutOutOfRange_RefusedBeforeTheStoreIsOpened()
    {
        var (code, _, stderr) = await RunAsync("train", "--data", portfolio.Directory, "--holdout", "2");

        Assert.Equal(2, code);
        Assert.Equal("--holdout must be between 0 and 1 (exclusive), not 2.", stderr.Trim());
        Assert.False(File.Exists(Path.Combine(_dir, "store.db")));
    }

    [Fact]
    public async Task Train_HoldoutNotANumber_SaysWhatItTakesInWords()
    {
        var (code, _, stderr) = await RunAsync("train", "--data", portfolio.Directory, "--holdout", "abc");

        Assert.NotEqual(0, code);
        Assert.Contains("--holdout must be a number between 0 and 1 (exclusive), e.g. 0.3 (got 'abc').", stderr);
        Assert.DoesNotContain("System.Double", stderr);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("evaluate")]
    public async Task MissingDataDirectory_SaidBeforeTheStoreIsOpenedOrAModelLookedFor(string command)
    {
        var missing = Path.Combine(_dir, "no-such-dir");

        var (code, _, stderr) = await RunAsync(command, "--data", missing);

        Assert.Equal(1, code);
        Assert.Equal($"Data directory '{missing}' does not exist.", stderr.Trim());
        Assert.False(File.Exists(Path.Combine(_dir, "store.db")));
    }

    [Fact]
    public async Task Evaluate_UnknownVersion_MessageOnStderrAndNonZeroExit()
    {
        var (code, _, stderr) = await RunAsync("evaluate", "--data", portfolio.Directory, "--model", "v-none");

        Assert.NotEqual(0, code);
        Assert.Contains("'v-none' is not in the registry", stderr);
    }

    [Fact]
    public async Task Evaluate_DataWithOneOutcomeOnly_RefusedAsTrainRefusesItInsteadOfPrintingAuc05()
    {
        var (code, _, stderr) = await RunAsync("train", "--data", portfolio.Directory, "--promote");
        Assert.True(code == 0, stderr);
        var allGood = CopyWithEveryLabelGood(portfolio.Directory);

        (code, var stdout, stderr) = await RunAsync("evaluate", "--data", allGood);
        var (trainCode, _, trainError) = await RunAsync("train", "--data", allGood);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("(800 rows, 0 bad) needs at least 5 rows of each outcome to measure a model", stderr);
        Assert.Equal(1, trainCode);
        Assert.Contains("0 bad) needs at least 5 rows of each outcome to measure a model", trainError);
    }

    [Fact]
    public async Task Evaluate_ASnapshotModel_RefusedWithAMessageInsteadOfMeaninglessFigures()
    {
        await using (var store = new SqliteCreditRiskStore(Path.Combine(_dir, "store.db")))
        {
            await store.Models.AddAsync(A.ModelVersion("snap-1") with { FeatureNames = [.. SnapshotFeatures.Ordered] });
        }

        var (code, stdout, stderr) = await RunAsync("evaluate", "--data", portfolio.Directory, "--model", "snap-1");

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("'snap-1' is a snapshot model", stderr);
    }

    [Fact]
    public async Task Train_BudgetFromConfiguration_PrintsTheChosenCutoffsAndCurveWhichEvaluateThenUses()
    {
        // 200 hold-out rows carry 50 alerts per 1,000 (ten alerts).
        var budget = new Dictionary<string, string?> { ["Banding:HighAlertsPer1000PerMonth"] = "50", ["Banding:WatchListShare"] = "0.12" };
        var (code, stdout, stderr) = await RunAsync(budget, "train", "--data", portfolio.Directory, "--holdout", "0.25", "--promote");

        Assert.True(code == 0, stderr);
        using var train = JsonDocument.Parse(stdout);
        var chosen = train.RootElement.GetProperty("chosen_cutoffs");
        Assert.Equal("budget", chosen.GetProperty("basis").GetString());
        Assert.Equal(50, chosen.GetProperty("high_alerts_per_1000_per_month").GetDouble());
        Assert.Equal(0.12, chosen.GetProperty("watch_list_share").GetDouble());
        Assert.InRange(chosen.GetProperty("holdout_high_alerts_per_1000_per_month").GetDouble(), 0, 50);
        var high = chosen.GetProperty("high_from").GetDouble();
        Assert.Equal(high, train.RootElement.GetProperty("cutoffs").GetProperty("high_from").GetDouble());
        Assert.Equal(10, train.RootElement.GetProperty("budget_curve").GetArrayLength());
        Assert.StartsWith("platt", train.RootElement.GetProperty("ensemble_calibration").GetString());

        (code, stdout, stderr) = await RunAsync(budget, "evaluate", "--data", portfolio.Directory);

        Assert.True(code == 0, stderr);
        using var evaluate = JsonDocument.Parse(stdout);
        Assert.Equal(high, evaluate.RootElement.GetProperty("cutoffs").GetProperty("high_from").GetDouble());
    }

    [Fact]
    public async Task Train_AfterAChampion_PrintsTheChampionScoredOnTheSameHoldoutRows()
    {
        var (code, stdout, stderr) = await RunAsync("train", "--data", portfolio.Directory, "--seed", "5", "--promote");
        Assert.True(code == 0, stderr);
        using var first = JsonDocument.Parse(stdout);
        Assert.False(first.RootElement.GetProperty("champion_on_same_holdout").GetProperty("compared").GetBoolean());

        (code, stdout, stderr) = await RunAsync("train", "--data", portfolio.Directory, "--seed", "6");

        Assert.True(code == 0, stderr);
        using var second = JsonDocument.Parse(stdout);
        var same = second.RootElement.GetProperty("champion_on_same_holdout");
        Assert.True(same.GetProperty("compared").GetBoolean());
        Assert.Equal(first.RootElement.GetProperty("version").GetString(), same.GetProperty("champion_version").GetString());
        Assert.Equal(second.RootElement.GetProperty("holdout_rows").GetInt32(), same.GetProperty("rows").GetInt32());
        Assert.Equal(
            second.RootElement.GetProperty("models").GetProperty("ensemble").GetProperty("auc").GetDouble(),
            same.GetProperty("version_auc").GetDouble(), 12);
        Assert.InRange(same.GetProperty("champion_auc").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Train_OnlyOneCutoffPinned_ConfigurationErrorOnStderrAndExit1()
    {
        var (code, stdout, stderr) = await RunAsync(
            new Dictionary<string, string?> { ["Banding:HighFrom"] = "0.4" }, "train", "--data", portfolio.Directory);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("set both or neither", stderr);
    }

    /// <summary>A copy of <paramref name="source"/> in this test's directory with every label 0.</summary>
    private string CopyWithEveryLabelGood(string source)
    {
        var copy = Path.Combine(_dir, "all-good");
        TestDirectories.CopyFiles(source, copy);

        var labels = Path.Combine(copy, "labels.csv");
        File.WriteAllLines(labels, File.ReadAllLines(labels).Select((line, i) => i == 0 ? line : line[..line.LastIndexOf(',')] + ",0"));
        return copy;
    }

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(null, args);

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(Dictionary<string, string?>? settings, params string[] args) =>
        new TrainEvaluateCli(_dir).RunAsync(settings, args);
}
