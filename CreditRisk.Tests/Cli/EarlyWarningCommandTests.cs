using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CreditRisk.Cli.Commands;
using CreditRisk.Core;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Tests.Cli;

/// <summary>
/// A model trained on a simulated portfolio and promoted in a temporary store, and a smaller simulated portfolio to
/// replay (fortnightly steps keep the test quick).
/// </summary>
public sealed class EarlyWarningFixture : IAsyncLifetime
{
    public string Root { get; } = TestDirectories.New();

    public string StorePath => Path.Combine(Root, "store.db");

    public string Data => Path.Combine(Root, "replay");

    public string ModelVersion { get; private set; } = null!;

    public int Customers => 120;

    public int Delinquent { get; private set; }

    /// <summary>The cut-offs the champion was stored with (its hold-out is small: the legacy defaults, with a note).</summary>
    public BandCutoffs ChampionCutoffs { get; private set; } = null!;

    public IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = StorePath, ["Models:ChallengerTrees"] = "20" });
        builder.Services.AddCreditRiskCore(builder.Configuration);
        return builder.Build();
    }

    public async Task InitializeAsync()
    {
        var end = new DateOnly(2026, 3, 1);
        var simulator = new PortfolioSimulator(TimeProvider.System);
        var training = simulator.Generate(new SimulationOptions { Customers = 300, Months = 12, Seed = 7, EndDate = end });
        using (var host = BuildHost())
        {
            await host.Services.GetRequiredService<ICreditRiskStore>().InitializeAsync();
            var report = await host.Services.GetRequiredService<TrainingService>().TrainAsync(
                SimulatedTrainingData.ToHistory(training, "tests"),
                new TrainingRequest { CreatedBy = "tests", Promote = true, Cutoffs = new BandCutoffs(0.35, 0.65), Seed = 7 });
            ModelVersion = report.Version;
            ChampionCutoffs = report.ChosenCutoffs!.ToBandCutoffs();
            await host.Services.GetRequiredService<ICreditRiskStore>().DisposeAsync();
        }

        var summary = SimulationCsvWriter.WriteAll(
            simulator.Generate(new SimulationOptions { Customers = Customers, Months = 6, Seed = 8, EndDate = end }), Data);
        Delinquent = File.ReadAllLines(Path.Combine(Data, SimulationCsvWriter.DelinquencyEventsFile)).Length - 1;
        Assert.True(summary.Customers == Customers);
    }

    public Task DisposeAsync()
    {
        TestDirectories.Delete(Root);
        return Task.CompletedTask;
    }
}

public sealed class EarlyWarningCommandTests(EarlyWarningFixture fixture) : IClassFixture<EarlyWarningFixture>
{
    [Fact]
    public async Task EarlyWarning_SimulatedPortfolio_PrintsOneJsonObjectWithSharesBetweenZeroAndOne()
    {
        // Nothing is pinned by configuration: the champion's stored cut-offs are in force.
        var inForce = fixture.ChampionCutoffs;
        var whatIf = string.Create(CultureInfo.InvariantCulture, $"{inForce.MediumFrom}:{inForce.HighFrom},0.2:0.4");
        var (code, stdout, stderr) = await RunAsync("early-warning", "--data", fixture.Data, "--step-days", "14", "--what-if", whatIf);

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(fixture.Customers, root.GetProperty("customers").GetInt32());
        Assert.Equal(fixture.Delinquent, root.GetProperty("delinquent_customers").GetInt32());
        Assert.Equal(fixture.ModelVersion, root.GetProperty("model_version").GetString());
        Assert.True(root.GetProperty("duration_seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("alerts_per_1000_customers_per_month").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("alerts").ValueKind);
        foreach (var block in new[] { "flagged_ahead", "false_alarm_rate", "flagged_before_delinquency", "flagged_at_lead_day", "assessment_share" })
        {
            foreach (var level in new[] { "medium_or_higher", "high" })
            {
                var share = root.GetProperty(block).GetProperty(level).GetDouble();
                Assert.InRange(share, 0, 1);
            }
        }

        var medianLead = root.GetProperty("median_lead_days");
        Assert.True(medianLead.TryGetProperty("medium_or_higher", out _) || fixture.Delinquent == 0);
        Assert.Equal(2, root.GetProperty("what_if").GetArrayLength());
        var configured = root.GetProperty("what_if")[0].GetProperty("with_rules");
        foreach (var block in new[] { "flagged_ahead", "false_alarm_rate" })
        {
            foreach (var level in new[] { "medium_or_higher", "high" })
            {
                Assert.Equal(root.GetProperty(block).GetProperty(level).GetDouble(), configured.GetProperty(block).GetProperty(level).GetDouble());
            }
        }

        Assert.True(root.GetProperty("sources").TryGetProperty("model_alone", out _));
        Assert.InRange(root.GetProperty("rules").GetProperty("utilisation-high").GetProperty("false_alarm_rate").GetDouble(), 0, 1);
        Assert.Equal("model", root.GetProperty("cutoffs_origin").GetString());
        Assert.Equal(inForce.HighFrom, root.GetProperty("cutoffs").GetProperty("high_from").GetDouble());
    }

    [Fact]
    public async Task EarlyWarning_WithAChampion_AddsTheBudgetCurveEndingAtThePipelinesOwnFigures()
    {
        var (code, stdout, stderr) = await RunAsync("early-warning", "--data", fixture.Data, "--step-days", "14");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var curve = root.GetProperty("budget_curve").EnumerateArray().ToList();
        Assert.InRange(curve.Count, 3, BudgetSweep.Quantiles.Count + 1);
        var highs = curve.Select(p => p.GetProperty("high_from").GetDouble()).ToList();
        Assert.Equal(highs.OrderDescending(), highs);
        foreach (var point in curve)
        {
            Assert.True(point.GetProperty("alerts_per_1000_customers_per_month").GetDouble() >= 0);
            Assert.True(point.GetProperty("medium_from").GetDouble() <= point.GetProperty("high_from").GetDouble());
            foreach (var block in new[] { "flagged_ahead", "false_alarm_rate" })
            {
                foreach (var level in new[] { "medium_or_higher", "high" })
                {
                    Assert.InRange(point.GetProperty(block).GetProperty(level).GetDouble(), 0, 1);
                }
            }
        }

        // The point at the cut-off in force is the replay itself: the sweep combines model and rules as the pipeline does.
        var current = Assert.Single(curve, p => p.GetProperty("in_force").GetBoolean());
        Assert.Equal(
            root.GetProperty("alerts_per_1000_customers_per_month").GetDouble(),
            current.GetProperty("alerts_per_1000_customers_per_month").GetDouble());
        foreach (var block in new[] { "flagged_ahead", "false_alarm_rate" })
        {
            foreach (var level in new[] { "medium_or_higher", "high" })
            {
                Assert.Equal(root.GetProperty(block).GetProperty(level).GetDouble(), current.GetProperty(block).GetProperty(level).GetDouble());
            }
        }
    }

    [Fact]
    public async Task EarlyWarning_Run_LeavesTheConfiguredStoreWithoutCustomers()
    {
        var (code, _, stderr) = await RunAsync("early-warning", "--data", fixture.Data, "--step-days", "31");
        Assert.True(code == 0, stderr);

        using var host = fixture.BuildHost();
        var store = host.Services.GetRequiredService<ICreditRiskStore>();
        Assert.Equal(0, await store.Customers.CountAsync());
        Assert.Equal(0, await store.Assessments.CountCurrentAsync(null, double.MinValue));
        await store.DisposeAsync();
    }

    [Theory]
    [InlineData("--what-if", "0.5:0.4")]
    [InlineData("--what-if", "high")]
    [InlineData("--step-days", "0")]
    [InlineData("--what-if", "NaN:0.5")]
    [InlineData("--what-if", "0.2:NaN")]
    public async Task EarlyWarning_BadOption_RejectedWithExitCode2(string option, string value)
    {
        var (code, stdout, stderr) = await RunAsync("early-warning", "--data", fixture.Data, option, value);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(option, stderr);
    }

    [Fact]
    public async Task EarlyWarning_WorkDirIsAFile_RejectedWithExitCode2()
    {
        var file = Path.Combine(fixture.Root, $"work-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "not a directory");

        var (code, stdout, stderr) = await RunAsync("early-warning", "--data", fixture.Data, "--step-days", "31", "--work-dir", file);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("--work-dir", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [Fact]
    public async Task EarlyWarning_UnknownModel_MessageOnStderrAndExitCode1()
    {
        var (code, _, stderr) = await RunAsync("early-warning", "--data", fixture.Data, "--model", "v-none");

        Assert.Equal(1, code);
        Assert.Contains("'v-none' is not in the registry", stderr);
    }

    [Fact]
    public async Task EarlyWarning_Proposal_ReplaysItInsteadOfTheSettingsInForce()
    {
        var file = Path.Combine(fixture.Root, "proposal.json");
        await File.WriteAllTextAsync(file, """{"rules": {"utilisationHighPct": 200, "cashWithdrawalHighPct": 100}, "cutoffs": {"mediumFrom": 0.5, "highFrom": 0.9}}""");

        var (code, stdout, stderr) = await RunAsync("early-warning", "--data", fixture.Data, "--step-days", "31", "--proposal", file);
        var (_, inForce, _) = await RunAsync("early-warning", "--data", fixture.Data, "--step-days", "31");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(0.9, root.GetProperty("cutoffs").GetProperty("high_from").GetDouble());
        var rules = root.GetProperty("proposal").GetProperty("rules");
        Assert.Equal(200, rules.GetProperty("utilisation_high_pct").GetDouble());
        Assert.Equal(60, rules.GetProperty("spend_drop_medium_pct").GetDouble()); // not in the file: the setting in force
        using var before = JsonDocument.Parse(inForce);
        Assert.True(root.GetProperty("alerts").GetInt64() < before.RootElement.GetProperty("alerts").GetInt64());
        Assert.True(root.GetProperty("flagged_at_end").GetProperty("high").GetInt32() <= before.RootElement.GetProperty("flagged_at_end").GetProperty("high").GetInt32());
        Assert.False(before.RootElement.TryGetProperty("proposal", out _));
    }

    [Theory]
    [InlineData("""{"rules": {"utilisationHighPct": 0}}""", "rules.utilisationHighPct")]
    [InlineData("""{"rules": {"utilisationHigh": 95}}""", "rules.utilisationHigh: not a rule setting")]
    [InlineData("""{"cutoffs": {"mediumFrom": 0.3, "highFrom": 0.2}}""", "cutoffs.highFrom")]
    [InlineData("""{"rules": """, "not valid JSON")]
    public async Task EarlyWarning_BadProposal_FieldNamedAndExitCode2(string content, string expected)
    {
        var file = Path.Combine(fixture.Root, $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);

        var (code, stdout, stderr) = await RunAsync("early-warning", "--data", fixture.Data, "--proposal", file);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("--proposal: ", stderr);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public async Task EarlyWarning_ProposalFileMissing_ExitCode2()
    {
        var (code, _, stderr) = await RunAsync("early-warning", "--data", fixture.Data, "--proposal", Path.Combine(fixture.Root, "none.json"));

        Assert.Equal(2, code);
        Assert.Contains("none.json' does not exist", stderr);
    }

    [Theory]
    [InlineData("--step-days", "99")]
    [InlineData("--parallel", "0")]
    [InlineData("--what-if", "high")]
    [InlineData("--data", "no-such-directory")]
    public async Task EarlyWarning_BadArgument_RefusedBeforeTheStoreIsOpened(string option, string value)
    {
        var args = option == "--data"
            ? new[] { "early-warning", "--data", Path.Combine(fixture.Root, value) }
            : ["early-warning", "--data", fixture.Data, option, value];

        var (code, _, stderr) = await RunAsync(() => throw new InvalidOperationException("the store was opened"), args);

        Assert.NotEqual(0, code);
        Assert.Contains(option == "--data" ? "does not exist" : option, stderr);
        Assert.DoesNotContain("the store was opened", stderr);
    }

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(fixture.BuildHost, args);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(Func<IHost> buildHost, params string[] args)
    {
        var root = new RootCommand { EarlyWarningCommand.Create(buildHost) };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
