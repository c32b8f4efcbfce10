using System.Diagnostics;
using System.Threading.Channels;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Simulation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Demo;

/// <summary>
/// Seeds the demo portfolio into an empty store: simulates it (<see cref="PortfolioSimulator"/>), stores customers,
/// transactions and statements with bulk writes while a model is trained on the same data in memory and promoted,
/// then builds every profile from the stored history and scores everyone through <see cref="RiskPipeline"/>, in
/// parallel chunks of customers (customers are independent). Current High customers get their pending alert from
/// the pipeline, as in live operation. Every step is idempotent, so a seed interrupted by a crash is finished on the
/// next start from the <see cref="DemoSeedState"/> marker. The stages are their own classes
/// (<see cref="DemoHistoryWriter"/>, <see cref="DemoModelTrainer"/>, <see cref="DemoPortfolioScorer"/>); this one keeps
/// the marker, the simulation and how the stages overlap.
/// </summary>
public sealed partial class DemoPortfolioSeeding(
    ICreditRiskStore store,
    DemoHistoryWriter writer,
    DemoModelTrainer trainer,
    DemoPortfolioScorer scorer,
    IOptions<DemoOptions> options,
    DemoAlertActivity alertActivity,
    DemoSeedProgress progress,
    TimeProvider time,
    ILogger<DemoPortfolioSeeding> logger)
{
    /// <summary>Who the demo's model and data are attributed to.</summary>
    public const string Actor = "demo-seeder";

    /// <summary>
    /// Seeds when the store has no customers and no seed has completed, or finishes an interrupted seed.
    /// Returns what was seeded, or null when nothing had to be done.
    /// </summary>
    public async Task<DemoSeedResult?> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        var state = await DemoSeedState.ReadAsync(store.Settings, ct).ConfigureAwait(false);
        var resuming = state is not null;
        if (state is { Status: DemoSeedState.Completed })
        {
            LogAlreadySeeded(state.CompletedAt);
            return null;
        }

        if (state is null)
        {
            if (await store.Customers.CountAsync(ct).ConfigureAwait(false) > 0)
            {
                LogNotEmpty();
                return null;
            }

            var o = options.Value;
            var now = time.GetUtcNow();
            state = await new DemoSeedState
            {
                Status = DemoSeedState.Started,
                Customers = o.Customers,
                Months = o.Months,
                Seed = o.Seed,
                EndDate = DateOnly.FromDateTime(now.UtcDateTime),
                StartedAt = now,
            }.TrySaveAsync(store.Settings, now, ct).ConfigureAwait(false);
            if (state is null)
            {
                LogRace();
                return null;
            }
        }
        else
        {
            LogResuming(state.StartedAt);
        }

        try
        {
            return await SeedAsync(state, resuming, ct).ConfigureAwait(false);
        }
        finally
        {
            progress.Finish();
        }
    }

    private async Task<DemoSeedResult> SeedAsync(DemoSeedState state, bool resuming, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        LogStarting(state.Customers, state.Months, state.Seed, state.EndDate);

        progress.Report("Simulating a year of card activity", 2);
        var phase = Stopwatch.StartNew();
        var simulated = new PortfolioSimulator(time)
            .Generate(new SimulationOptions { Customers = state.Customers, Months = state.Months, Seed = state.Seed, EndDate = state.EndDate })
            .ToList();
        var transactionCount = simulated.Sum(c => c.Transactions.Count);
        var statementCount = simulated.Sum(c => c.Statements.Count);
        LogSimulated(simulated.Count, transactionCount, statementCount, phase.Elapsed.TotalSeconds);

        // Three overlapping stages: the store is written chunk by chunk (LiteDB takes one writer per collection, so
        // this is one thread's work); training needs only the in-memory data and runs meanwhile; once the model is
        // promoted, every stored chunk is scored (its own collections' writes) while later chunks are still stored.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var storedChunks = Channel.CreateUnbounded<SimulatedCustomer[]>(new UnboundedChannelOptions { SingleWriter = true });
        var storeTask = Task.Run(() => writer.StoreAsync(simulated, storedChunks.Writer, linked.Token), linked.Token);
        var modelTask = Task.Run(() => trainer.EnsureModelAsync(state, simulated, linked.Token), linked.Token);
        Dictionary<RiskBand, int> bands;
        string? modelVersion;
        try
        {
            (state, modelVersion) = await modelTask.ConfigureAwait(false);
            var asOf = PeriodEnd(state);
            bands = await scorer.ScoreAsync(storedChunks.Reader.ReadAllAsync(linked.Token), simulated.Count, asOf, resuming, linked.Token).ConfigureAwait(false);
        }
        catch
        {
            await linked.CancelAsync().ConfigureAwait(false);
            throw;
        }

        var storeTime = await storeTask.ConfigureAwait(false);

        // A resumed seed may already have sent some: only a fresh one replays the alerts' past.
        if (!resuming)
        {
            progress.Report("Sending part of the alerts and recording their delivery", 97);
            await alertActivity.RunAsync(ct).ConfigureAwait(false);
        }

        var alerts = await store.Alerts.CountByStatusAsync(ct).ConfigureAwait(false);
        var completed = await (state with { Status = DemoSeedState.Completed, CompletedAt = time.GetUtcNow() })
            .TrySaveAsync(store.Settings, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (completed is null)
        {
            throw new InvalidOperationException("The demo seed marker was changed by someone else while seeding.");
        }

        var result = new DemoSeedResult
        {
            Customers = simulated.Count,
            Transactions = transactionCount,
            Statements = statementCount,
            ModelVersion = modelVersion,
            Bands = bands,
            PendingAlerts = alerts.GetValueOrDefault(Alerts.AlertStatus.Pending),
            AssessedAt = PeriodEnd(state),
            StoreSeconds = storeTime.TotalSeconds,
            TotalSeconds = total.Elapsed.TotalSeconds,
        };
        LogCompleted(
            result.Customers, result.TotalSeconds, bands.GetValueOrDefault(RiskBand.Low), bands.GetValueOrDefault(RiskBand.Medium),
            bands.GetValueOrDefault(RiskBand.High), result.PendingAlerts);
        return result;
    }

    /// <summary>The last millisecond of the simulated period, when everyone is assessed.</summary>
    private static DateTimeOffset PeriodEnd(DemoSeedState state) =>
        new DateTimeOffset(state.EndDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMilliseconds(-1);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo portfolio already seeded (completed {CompletedAt}); nothing to do")]
    private partial void LogAlreadySeeded(DateTimeOffset? completedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store already has customers: no demo portfolio is seeded")]
    private partial void LogNotEmpty();

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance started seeding the demo portfolio; leaving it to that one")]
    private partial void LogRace();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A demo seed started {StartedAt} did not finish; completing it")]
    private partial void LogResuming(DateTimeOffset startedAt);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seeding the demo portfolio: {Customers} simulated customers × {Months} months (seed {Seed}, ending {EndDate}); set Demo:SeedOnFirstRun=false to start empty")]
    private partial void LogStarting(int customers, int months, int seed, DateOnly endDate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: simulated {Customers} customers, {Transactions} transactions, {Statements} statements in {Seconds:F1} s")]
    private partial void LogSimulated(int customers, int transactions, int statements, double seconds);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo portfolio seeded: {Customers} customers in {Seconds:F1} s; Low {Low}, Medium {Medium}, High {High}; {Alerts} alerts pending")]
    private partial void LogCompleted(int customers, double seconds, int low, int medium, int high, long alerts);
}
