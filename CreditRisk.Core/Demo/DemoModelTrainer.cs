using System.Diagnostics;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Demo;

/// <summary>Trains and promotes the demo's model on the simulated data in memory, or keeps a champion already there.</summary>
public sealed partial class DemoModelTrainer(
    ICreditRiskStore store, TrainingService training, IOptions<BandingOptions> banding, TimeProvider time, ILogger<DemoModelTrainer> logger)
{
    /// <summary>The demo's champion: the one trained by an interrupted run, an existing champion, or a new one.</summary>
    public async Task<(DemoSeedState State, string? Version)> EnsureModelAsync(
        DemoSeedState state, List<SimulatedCustomer> simulated, CancellationToken ct)
    {
        var champion = await store.Models.GetChampionAsync(ct).ConfigureAwait(false);
        if (champion is not null)
        {
            // Either this seed trained it before a crash, or someone promoted their own model: keep it.
            LogKeepingChampion(champion.Id);
            return (state, champion.Id);
        }

        var watch = Stopwatch.StartNew();
        var history = SimulatedTrainingData.ToHistory(
            simulated, $"demo simulation: {state.Customers} customers × {state.Months} months, seed {state.Seed}, ending {state.EndDate:yyyy-MM-dd}");
        ModelReport report;
        try
        {
            report = await training.TrainAsync(history, new TrainingRequest
            {
                HoldoutShare = 0.3,
                Seed = state.Seed,
                Promote = true,
                CreatedBy = DemoPortfolioSeeding.Actor,
                Cutoffs = banding.Value.Pinned,
                Budget = banding.Value.Budget,
            }, ct).ConfigureAwait(false);
        }
        catch (TrainingDataException ex)
        {
            // A tiny demo portfolio may have too few delinquencies to train on; the rules still score everyone.
            LogNoModel(ex.Message);
            return (state, null);
        }

        LogTrained(report.Version, report.Rows, report.Positives, report.Models.Ensemble.Auc, watch.Elapsed.TotalSeconds);

        var saved = await (state with { ModelVersion = report.Version }).TrySaveAsync(store.Settings, time.GetUtcNow(), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The demo seed marker was changed by someone else while seeding.");
        return (saved, report.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: keeping the registered champion {Version}")]
    private partial void LogKeepingChampion(string version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo seed: trained and promoted model {Version} on {Rows} rows ({Positives} delinquent), hold-out ensemble AUC {Auc:F3}, in {Seconds:F1} s")]
    private partial void LogTrained(string version, int rows, int positives, double auc, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seed: no model could be trained ({Reason}); the expert rules alone score the demo")]
    private partial void LogNoModel(string reason);
}
