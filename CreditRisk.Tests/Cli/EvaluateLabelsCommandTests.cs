using System.Text.Json;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Simulation;
using CreditRisk.Tests.Simulation;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Cli;

/// <summary>
/// <c>evaluate</c> measures the event the model was trained to predict: the champion's label rule by default (here
/// early-warning, which <c>train --labels auto</c> chose), another with <c>--labels</c>, and says which it used.
/// </summary>
public sealed class EvaluateLabelsCommandTests(EarlyWarningChampionFixture champion) : IClassFixture<EarlyWarningChampionFixture>, IDisposable
{
    private readonly string _dir = TestDirectories.New();

    public void Dispose() => TestDirectories.Delete(_dir);

    [Fact]
    public async Task Train_Auto_SaysAndRecordsThatItUsedTheEarlyWarningLabels()
    {
        using var train = JsonDocument.Parse(champion.TrainOutput);
        var version = train.RootElement.GetProperty("version").GetString()!;

        Assert.Equal("early-warning", train.RootElement.GetProperty("labels").GetString());
        await using var store = new SqliteCreditRiskStore(champion.Cli.StorePath);
        Assert.Equal("early-warning", (await store.Models.GetAsync(version))!.TrainingSummary["labels"]);
    }

    [Fact]
    public async Task Evaluate_ByDefault_MeasuresTheLabelsTheChampionWasTrainedOn_AndSaysSo()
    {
        var (code, stdout, stderr) = await champion.Cli.RunAsync("evaluate", "--data", champion.DataDirectory);

        Assert.True(code == 0, stderr);
        using var train = JsonDocument.Parse(champion.TrainOutput);
        using var evaluate = JsonDocument.Parse(stdout);
        // The same label rows as train read (train measured its hold-out share of them, evaluate measures them all).
        Assert.Equal(train.RootElement.GetProperty("rows").GetInt32(), evaluate.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(train.RootElement.GetProperty("positives").GetInt32(), evaluate.RootElement.GetProperty("positives").GetInt32());
        Assert.Equal("early-warning", evaluate.RootElement.GetProperty("labels").GetString());
        Assert.Equal("the champion's training labels", evaluate.RootElement.GetProperty("labels_chosen_by").GetString());
    }

    [Fact]
    public async Task TrainAndEvaluate_EarlyWarningLabelsOnDataWithoutLabelsCsv_NeedNoLabelsCsv()
    {
        // Early-warning labels come from the statements: a portfolio without labels.csv trains and evaluates on them.
        var data = Path.Combine(_dir, "no-labels");
        TestDirectories.CopyFiles(champion.DataDirectory, data);
        File.Delete(Path.Combine(data, SimulationCsvWriter.LabelsFile));
        var cli = new TrainEvaluateCli(_dir);

        var train = await cli.RunAsync("train", "--data", data, "--labels", "early-warning", "--promote");
        var evaluate = await cli.RunAsync("evaluate", "--data", data);

        Assert.True(train.Code == 0, train.Stderr);
        Assert.True(evaluate.Code == 0, evaluate.Stderr);
        using var trained = JsonDocument.Parse(train.Stdout);
        using var evaluated = JsonDocument.Parse(evaluate.Stdout);
        Assert.Equal("early-warning", evaluated.RootElement.GetProperty("labels").GetString());
        Assert.Equal(trained.RootElement.GetProperty("rows").GetInt32(), evaluated.RootElement.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Evaluate_LabelsFile_MeasuresLabelsCsv()
    {
        var labelRows = File.ReadAllLines(Path.Combine(champion.DataDirectory, SimulationCsvWriter.LabelsFile)).Length - 1;

        var (code, stdout, stderr) = await champion.Cli.RunAsync("evaluate", "--data", champion.DataDirectory, "--labels", "file");

        Assert.True(code == 0, stderr);
        using var evaluate = JsonDocument.Parse(stdout);
        Assert.Equal(labelRows, evaluate.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("file", evaluate.RootElement.GetProperty("labels").GetString());
        Assert.Equal("--labels file", evaluate.RootElement.GetProperty("labels_chosen_by").GetString());
    }

    [Fact]
    public async Task Evaluate_UnknownLabels_RefusedWithTrainsMessage()
    {
        var cli = new TrainEvaluateCli(_dir);
        var (trainCode, _, trainError) = await cli.RunAsync("train", "--data", champion.DataDirectory, "--labels", "early");

        var (code, _, stderr) = await cli.RunAsync("evaluate", "--data", champion.DataDirectory, "--labels", "early");

        Assert.NotEqual(0, trainCode);
        Assert.Equal(trainCode, code);
        Assert.Equal(trainError, stderr);
    }

    [Fact]
    public async Task Evaluate_VersionWithoutARecordedLabelRule_DecidesAsTrainWouldOnTheDataAndSaysSo()
    {
        using var train = JsonDocument.Parse(champion.TrainOutput);
        await using (var store = new SqliteCreditRiskStore(champion.Cli.StorePath))
        {
            // As versions trained before the rule was recorded are stored.
            var trained = (await store.Models.GetAsync(train.RootElement.GetProperty("version").GetString()!))!;
            var summary = new Dictionary<string, string>(trained.TrainingSummary);
            summary.Remove("labels");
            await store.Models.AddAsync(trained with { Id = "legacy-1", IsChampion = false, PromotedAt = null, TrainingSummary = summary });
        }

        var (code, stdout, stderr) = await champion.Cli.RunAsync("evaluate", "--data", champion.DataDirectory, "--model", "legacy-1");

        Assert.True(code == 0, stderr);
        using var evaluate = JsonDocument.Parse(stdout);
        Assert.Equal(train.RootElement.GetProperty("rows").GetInt32(), evaluate.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("early-warning", evaluate.RootElement.GetProperty("labels").GetString());
        Assert.StartsWith("auto: version legacy-1 records no label rule", evaluate.RootElement.GetProperty("labels_chosen_by").GetString());
    }

    [Fact]
    public async Task Evaluate_ChampionsEarlyWarningLabels_OnTooShortAHistory_RefusedInsteadOfMeasuringLabelsCsv()
    {
        var shortData = Path.Combine(_dir, "short");
        SimulationCsvWriter.WriteAll(SimulationTestData.Generate(SimulationTestData.Options(30)), shortData);

        var (code, stdout, stderr) = await champion.Cli.RunAsync("evaluate", "--data", shortData);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("do not give enough early-warning rows", stderr);
        Assert.Contains("--labels file", stderr);
    }
}
