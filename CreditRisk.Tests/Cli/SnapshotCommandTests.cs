using System.CommandLine;
using System.Text.Json;
using CreditRisk.Cli;
using CreditRisk.Cli.Commands;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Snapshots;
using CreditRisk.Tests.Snapshots;
using Microsoft.Extensions.Configuration;

namespace CreditRisk.Tests.Cli;

/// <summary><c>simulate --snapshot</c>, <c>train --snapshot</c> and <c>import --snapshot</c> end to end on a temporary store.</summary>
public sealed class SnapshotCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("creditrisk-snapshot-cli-").FullName;

    private string DatabasePath => Path.Combine(_directory, "store.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = DatabasePath, ["Models:ChallengerTrees"] = "20" };
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(TrainCommand.Create(() => CliHost.Build(c => c.AddInMemoryCollection(settings))));
        root.Subcommands.Add(ImportCommand.Create(() => CliHost.Build(c => c.AddInMemoryCollection(settings)), interactive: false));
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task SimulateTrainImport_SimulatedSnapshot_TrainsPromotableVersionAndScoresEveryCustomer()
    {
        var file = Path.Combine(_directory, "snapshot.csv");

        var (code, output, error) = await RunAsync("simulate", "--customers", "500", "--seed", "3", "--end-date", "2026-11-01", "--snapshot", file);

        Assert.True(code == 0, error);
        Assert.Contains("snapshot     500 customers as of 2026-10-01", output);
        Assert.Equal(string.Join(",", SnapshotColumns.Ordered), File.ReadLines(file).First());
        Assert.Equal(501, File.ReadLines(file).Count());

        (code, output, error) = await RunAsync("train", "--snapshot", file, "--promote", "--write-holdout", Path.Combine(_directory, "holdout.csv"));

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(output);
        foreach (var model in new[] { "logistic", "tree", "ensemble", "challenger" })
        {
            Assert.Equal(JsonValueKind.Number, report.RootElement.GetProperty("models").GetProperty(model).GetProperty("auc").ValueKind);
        }

        Assert.True(report.RootElement.GetProperty("promoted").GetBoolean());
        Assert.Equal(report.RootElement.GetProperty("holdout_rows").GetInt32() + 1, File.ReadLines(Path.Combine(_directory, "holdout.csv")).Count());

        (code, output, error) = await RunAsync("import", "--snapshot", file, "--as-of", "2026-10-01");

        Assert.True(code == ImportCommand.Success, error);
        Assert.Contains("500 rows read, 500 imported (500 new, 0 updated), 0 rejected", output);
        Assert.Contains("as of 2026-10-01", output);
        await using var store = new SqliteCreditRiskStore(DatabasePath);
        Assert.Equal(500, await store.Assessments.CountCurrentAsync(null, 0));
        var latest = await store.Assessments.GetLatestAsync("C000001");
        Assert.Equal(report.RootElement.GetProperty("version").GetString(), latest!.ModelVersion);
    }

    [Fact]
    public async Task Import_BadRow_ExitCode2WithFileLineColumnAndNothingImported()
    {
        var file = Path.Combine(_directory, "bad.csv");
        File.WriteAllText(file, SnapshotSamples.Header + "\n" + SnapshotSamples.Row("C-1") + "\n" + SnapshotSamples.Row("C-2", limit: "-5") + "\n");

        var (code, output, error) = await RunAsync("import", "--snapshot", file);

        Assert.Equal(ImportCommand.InvalidData, code);
        Assert.Contains("invalid, nothing imported", output);
        Assert.Contains($"{file}:3: Credit Limit: must be a positive amount of at most 1,000,000,000 (found -5)", error);
        Assert.Contains("Nothing was imported", error);
        await using var store = new SqliteCreditRiskStore(DatabasePath);
        Assert.Equal(0, await store.Customers.CountAsync());
    }

    [Fact]
    public async Task Import_AsOfAfterToday_UsageErrorAndNothingImported()
    {
        var file = Path.Combine(_directory, "future.csv");
        File.WriteAllText(file, SnapshotSamples.Header + "\n" + SnapshotSamples.Row("C-1") + "\n");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

        var (code, _, error) = await RunAsync("import", "--snapshot", file, "--as-of", tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ImportCommand.UsageError, code);
        Assert.Contains($"--as-of: As of {tomorrow:yyyy-MM-dd} is after today", error);
        Assert.Contains("Nothing was imported.", error);
        // Checked before the store is opened: no new store file for a usage error.
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Import_SnapshotWithOtherFiles_UsageError()
    {
        var (code, _, error) = await RunAsync("import", "--snapshot", "a.csv", "--customers", "b.csv");

        Assert.Equal(ImportCommand.UsageError, code);
        Assert.Contains("Import a snapshot on its own", error);
    }

    [Fact]
    public async Task Import_SnapshotWithABatchSize_UsageErrorNotIgnored()
    {
        var (code, _, error) = await RunAsync("import", "--snapshot", "a.csv", "--batch-size", "0");

        Assert.Equal(ImportCommand.UsageError, code);
        Assert.Contains("--batch-size does not apply to a snapshot", error);
    }

    [Fact]
    public async Task Train_SnapshotWithoutLabels_ProblemsOnStderrExit1()
    {
        var file = Path.Combine(_directory, "nolabel.csv");
        File.WriteAllText(file, SnapshotSamples.Header + "\n" + SnapshotSamples.Row("C-1", bucket: "") + "\n");

        var (code, output, error) = await RunAsync("train", "--snapshot", file);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains(":2: DPD Bucket Next Month: is required for training", error);
    }

    [Fact]
    public async Task Train_BothDataAndSnapshot_UsageError()
    {
        var (code, _, error) = await RunAsync("train", "--snapshot", "a.csv", "--data", _directory);

        Assert.Equal(2, code);
        Assert.Contains("either --data DIR or --snapshot FILE", error);
    }
}
