using System.Diagnostics;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Scoring;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CreditRisk.Tests.Risk;

/// <summary>
/// Measures the nightly re-score on the embedded store over a simulated portfolio, with a trained champion model.
/// Skipped unless <c>CREDITRISK_RESCORE_BENCH</c> holds a customer count; run it in Release:
/// <c>CREDITRISK_RESCORE_BENCH=100000 dotnet test -c Release --filter PortfolioRescoreBenchmark --logger "console;verbosity=detailed"</c>.
/// It reports figures and checks only that every customer was re-scored (no timing assertion).
/// </summary>
public sealed class PortfolioRescoreBenchmark(ITestOutputHelper output)
{
    public const string Variable = "CREDITRISK_RESCORE_BENCH";

    [SkippableFact]
    public async Task RunAsync_SimulatedPortfolio_ReportsThroughput()
    {
        var customers = int.TryParse(Environment.GetEnvironmentVariable(Variable), out var n) ? n : 0;
        Skip.If(customers <= 0, $"Set {Variable}=<customers> to measure the nightly re-score (e.g. 100000, Release build).");
        await using var h = await PipelineHarness.CreateAsync();
        var (rows, labels) = SyntheticVectors.Create(3000, seed: 1);
        h.Model = new ModelTrainer(new ModelOptions()).Train("bench", rows, labels, seed: 42).Model;

        var seeding = Stopwatch.StartNew();
        var end = DateOnly.FromDateTime(PipelineHarness.Start.UtcDateTime);
        var batch = new List<Customer>(2_000);
        var profiles = new List<BehaviorProfile>(2_000);
        long transactions = 0;
        foreach (var simulated in new PortfolioSimulator(h.Time).Generate(new SimulationOptions { Customers = customers, Months = 7, EndDate = end, Seed = 7 }))
        {
            transactions += simulated.Transactions.Count;
            batch.Add(simulated.Customer);
            profiles.Add(ProfileBuilder.Build(simulated.Customer.Id, simulated.Transactions, simulated.Statements));
            if (batch.Count == 2_000)
            {
                await FlushAsync(h, batch, profiles);
            }
        }

        await FlushAsync(h, batch, profiles);
        output.WriteLine($"Seeded {customers:N0} simulated customers ({transactions:N0} transactions folded into profiles) in {seeding.Elapsed.TotalSeconds:N1} s");

        var service = new PortfolioRescoreService(h.Pipeline, h.Store, Options.Create(new PortfolioRescoreOptions()), h.Time, NullLogger<PortfolioRescoreService>.Instance);
        var first = await service.RunAsync("bench");
        Report("First run (no prior assessments)", first);
        h.Time.Advance(TimeSpan.FromDays(1));
        var nightly = await service.RunAsync("bench");
        Report("Nightly run (every customer has a prior assessment)", nightly);
        var alerts = (await h.Store.Alerts.CountByStatusAsync())[AlertStatus.Pending];
        output.WriteLine($"Pending alerts raised: {alerts:N0}; database file {new FileInfo(h.Store.FilePath).Length / 1024.0 / 1024.0:N0} MiB");

        Assert.Equal(customers, nightly.Rescored);
        Assert.Equal(0, nightly.FailedCount);
    }

    private void Report(string label, PortfolioRescoreSummary summary) =>
        output.WriteLine(
            $"{label}: {summary.Customers:N0} customers, {summary.Escalations:N0} escalations, {summary.FailedCount} failed, "
            + $"{summary.Duration.TotalSeconds:N1} s = {summary.CustomersPerSecond:N0} customers/s");

    private static async Task FlushAsync(PipelineHarness h, List<Customer> batch, List<BehaviorProfile> profiles)
    {
        await h.Store.Customers.UpsertManyAsync(batch);
        foreach (var profile in profiles)
        {
            await h.Store.Profiles.TrySaveAsync(profile, 0);
        }

        batch.Clear();
        profiles.Clear();
    }
}
