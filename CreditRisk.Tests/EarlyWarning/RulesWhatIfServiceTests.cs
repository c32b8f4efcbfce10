using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;
using CreditRisk.Tests.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.EarlyWarning;

/// <summary>Backtests on a store seeded with a simulated year; no champion, so the rules alone decide.</summary>
public sealed class RulesWhatIfServiceTests : IAsyncLifetime
{
    private readonly string _work = TestDirectories.New();
    private TemporaryStore _store = null!;

    private string WorkDirectory => _work;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _store = await TemporaryStore.CreateAsync(services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(SimulatedStore.Now));
            services.Configure<RulesWhatIfOptions>(o => (o.LookBackDays, o.StepDays, o.Parallelism, o.WorkDirectory) = (500, 14, 2, _work));
        });
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectories.Delete(_work);
    }

    private RulesWhatIfService Service() => _store.Services.GetRequiredService<RulesWhatIfService>();

    /// <summary>Utilisation and cash at their maximum: neither High rule can fire.</summary>
    private static RuleSettings Relaxed => new() { UtilisationHighPct = 200, CashWithdrawalHighPct = 100, MinimumDueOnlyHighUtilisationPct = 200 };

    [Fact]
    public async Task RunAsync_RelaxedHighRules_FewerHighAlertsThanNowAndNowIsThePlainReplay()
    {
        await SimulatedStore.SeedAsync(_store.Store, customers: 40, seed: 5);
        var progress = new System.Collections.Concurrent.ConcurrentQueue<double>();

        var result = await Service().RunAsync(new RiskProposal(Relaxed, new BandCutoffs(0.2, 0.5)), new SyncProgress(progress.Enqueue));

        Assert.Equal(40, result.Customers);
        Assert.Equal(40, result.DelinquentCustomers + result.NeverDelinquentCustomers);
        Assert.Null(result.ModelVersion);
        Assert.Equal(0, result.RulesVersion);
        Assert.Equal(Relaxed, result.ProposedRules);
        Assert.Contains("High utilisation, Utilisation above (%): 90% → 200%", result.Changes);
        Assert.Equal(new BandCutoffs(0.2, 0.5), result.Proposed.Cutoffs);
        Assert.True(result.Proposed.HighAlertsPer1000PerMonth < result.Now.HighAlertsPer1000PerMonth,
            $"{result.Proposed.HighAlertsPer1000PerMonth} vs {result.Now.HighAlertsPer1000PerMonth}");
        Assert.True(result.Proposed.NeverDelinquentFlagged.High <= result.Now.NeverDelinquentFlagged.High);
        Assert.True(result.Proposed.FlaggedToday.High <= result.Now.FlaggedToday.High);

        // "Now" is exactly what the replay gives with the stored settings and no proposal.
        var history = await _store.Services.GetRequiredService<StoreReplayHistorySource>().LoadAsync(new StoreReplayScope(500, 2_000));
        var plain = await _store.Services.GetRequiredService<EarlyWarningService>().RunAsync(
            history, new EarlyWarningRequest { StepDays = 14, Parallelism = 2, WorkDirectory = WorkDirectory }, progress: null);
        Assert.Equal(WhatIfFigures.From(plain), result.Now);

        Assert.Equal(1, progress.Max(), precision: 6);
        Assert.Contains(progress, p => p is > 0.1 and < 0.55);
        Assert.Contains(progress, p => p is > 0.55 and < 1);
        Assert.Empty(Directory.GetFileSystemEntries(WorkDirectory));
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsAndRemovesItsTemporaryStores()
    {
        await SimulatedStore.SeedAsync(_store.Store, customers: 40, seed: 5);
        using var cancel = new CancellationTokenSource();
        var sawStores = false;
        var progress = new SyncProgress(p =>
        {
            lock (cancel)
            {
                if (p > 0.15 && !cancel.IsCancellationRequested)
                {
                    sawStores = Directory.GetDirectories(WorkDirectory).Length > 0;
                    cancel.Cancel();
                }
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service().RunAsync(new RiskProposal(Relaxed, null), progress, cancel.Token));

        Assert.True(sawStores);
        Assert.Empty(Directory.GetFileSystemEntries(WorkDirectory));
    }

    [Fact]
    public async Task RunAsync_InvalidProposal_RefusedNamingTheField()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service().RunAsync(new RiskProposal(new RuleSettings { MinimumDueOnlyCycles = 0 }, null)));

        Assert.Contains("rules.minimumDueOnlyCycles", error.Message);
    }

    [Fact]
    public async Task RunAsync_NothingStored_SaysThereIsNothingToReplay()
    {
        var error = await Assert.ThrowsAsync<TrainingDataException>(() => Service().RunAsync(new RiskProposal(Relaxed, null)));

        Assert.Contains("No stored customer has transactions or statements", error.Message);
    }

    /// <summary>Hears reports on the reporting thread (<see cref="Progress{T}"/> would post them to the thread pool, later).</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
