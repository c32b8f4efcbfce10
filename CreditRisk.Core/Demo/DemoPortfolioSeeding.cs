using System.Diagnostics;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Demo;

/// <summary>
/// Seeds the demo portfolio into an empty store: simulates it (<see cref="PortfolioSimulator"/>), stores customers,
/// transactions and statements with bulk writes while a model is trained on the same data in memory and promoted,
/// then builds every profile from the stored history and scores everyone through <see cref="RiskPipeline"/>, in
/// parallel chunks of customers (customers are independent). Current High customers get their pending alert from
/// the pipeline, as in live operation. Every step is idempotent, so a seed interrupted by a crash is finished on the
/// next start from the <see cref="DemoSeedState"/> marker.
/// </summary>
public sealed partial class DemoPortfolioSeeding(
    ICreditRiskStore store,
    RiskPipeline pipeline,
    TrainingService training,
    IOptions<DemoOptions> options,
    IOptions<BandingOptions> banding,
    TimeProvider time,
    ILogger<DemoPortfolioSeeding> logger)
{
    /// <summary>Who the demo's model and data are attributed to.</summary>
    public const string Actor = "demo-seeder";

    /// <summary>Customers per chunk of bulk writes and of pipeline work.</summary>
    private const int ChunkSize = 200;

    /// <summary>
    /// Seeds when the store has no customers and no seed has completed, or finishes an interrupted seed.
    /// Returns what was seeded, or null when nothing had to be done.
    /// </summary>
    public async Task<DemoSeedResult?> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        var state = await DemoSeedState.ReadAsync(store.Settings, ct).ConfigureAwait(false);
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

        return await SeedAsync(state, ct).ConfigureAwait(false);
    }

    private async Task<DemoSeedResult> SeedAsync(DemoSeedState state, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        LogStarting(state.Customers, state.Months, state.Seed, state.EndDate);

        var phase = Stopwatch.StartNew();
        var simulated = new PortfolioSimulator(time)
            .Generate(new SimulationOptions { Customers = state.Customers, Months = state.Months, Seed = state.Seed, EndDate = state.EndDate })
            .ToList();
        var transactionCount = simulated.Sum(c => c.Transactions.Count);
        var statementCount = simulated.Sum(c => c.Statements.Count);
        LogSimulated(simulated.Count, transactionCount, statementCount, phase.Elapsed.TotalSeconds);

        // Training needs only the in-memory data: it runs on another core while the store is written.
        var modelTask = Task.Run(() => EnsureModelAsync(state, simulated, ct), ct);
        var storeTime = await StoreAsync(simulated, ct).ConfigureAwait(false);
        (state, var modelVersion) = await modelTask.ConfigureAwait(false);

        phase.Restart();
        var asOf = new DateTimeOffset(state.EndDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMilliseconds(-1);
        var ids = simulated.ConvertAll(c => c.Customer.Id);
        simulated = null; // the store has it all now
        var bands = await ScoreAsync(ids, asOf, ct).ConfigureAwait(false);
        var scoreTime = phase.Elapsed;

        var alerts = await store.Alerts.CountByStatusAsync(ct).ConfigureAwait(false);
        var completed = await (state with { Status = DemoSeedState.Completed, CompletedAt = time.GetUtcNow() })
            .TrySaveAsync(store.Settings, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (completed is null)
        {
            throw new InvalidOperationException("The demo seed marker was changed by someone else while seeding.");
        }

        var result = new DemoSeedResult
        {
            Customers = ids.Count,
            Transactions = transactionCount,
            Statements = statementCount,
            ModelVersion = modelVersion,
            Bands = bands,
            PendingAlerts = alerts.GetValueOrDefault(Alerts.AlertStatus.Pending),
            AssessedAt = asOf,
            StoreSeconds = storeTime.TotalSeconds,
            ScoreSeconds = scoreTime.TotalSeconds,
            TotalSeconds = total.Elapsed.TotalSeconds,
        };
        LogCompleted(
            result.Customers, result.TotalSeconds, bands.GetValueOrDefault(RiskBand.Low), bands.GetValueOrDefault(RiskBand.Medium),
            bands.GetValueOrDefault(RiskBand.High), result.PendingAlerts);
        return result;
    }

    /// <summary>Bulk writes per chunk of customers; every write is idempotent (upserts, insert-if-new).</summary>
    private async Task<TimeSpan> StoreAsync(List<SimulatedCustomer> simulated, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        await store.Customers.UpsertManyAsync(
            simulated.ConvertAll(c => c.Customer with { CreatedAt = now, UpdatedAt = now }), ct).ConfigureAwait(false);
        var stored = 0;
        foreach (var chunk in simulated.Chunk(ChunkSize))
        {
            await store.Transactions.InsertNewAsync(
                chunk.SelectMany(c => c.Transactions).Select(t => t with { ReceivedAt = now }).ToList(), ct).ConfigureAwait(false);
            await store.Statements.UpsertManyAsync(
                chunk.SelectMany(c => c.Statements).Select(s => s with { ReceivedAt = now }).ToList(), ct).ConfigureAwait(false);
            stored += chunk.Length;
            LogStored(stored, simulated.Count, watch.Elapsed.TotalSeconds);
        }

        return watch.Elapsed;
    }

    /// <summary>The demo's champion: the one trained by an interrupted run, an existing champion, or a new one.</summary>
    private async Task<(DemoSeedState State, string Version)> EnsureModelAsync(
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
        var report = await training.TrainAsync(history, new TrainingRequest
        {
            HoldoutShare = 0.3,
            Seed = state.Seed,
            Promote = true,
            CreatedBy = Actor,
            Cutoffs = BandCutoffs.From(banding.Value),
        }, ct).ConfigureAwait(false);
        LogTrained(report.Version, report.Rows, report.Positives, report.Models.Ensemble.Auc, watch.Elapsed.TotalSeconds);

        var saved = await (state with { ModelVersion = report.Version }).TrySaveAsync(store.Settings, time.GetUtcNow(), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The demo seed marker was changed by someone else while seeding.");
        return (saved, report.Version);
    }

    /// <summary>
    /// Rebuilds each profile from the stored history (idempotent, unlike applying the items again) and re-scores the
    /// chunk as of the end of the simulated period; chunks run in parallel.
    /// </summary>
    private async Task<Dictionary<RiskBand, int>> ScoreAsync(List<string> ids, DateTimeOffset asOf, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var bands = new int[Enum.GetValues<RiskBand>().Length];
        var done = 0;
        var nextLog = ids.Count / 4;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        await Parallel.ForEachAsync(ids.Chunk(ChunkSize / 2), parallel, async (chunk, token) =>
        {
            foreach (var id in chunk)
            {
                await pipeline.RebuildProfileAsync(id, token).ConfigureAwait(false);
            }

            var assessments = await pipeline.RescoreManyAsync(chunk, asOf, token).ConfigureAwait(false);
            foreach (var assessment in assessments)
            {
                Interlocked.Increment(ref bands[(int)assessment.Band]);
            }

            var scored = Interlocked.Add(ref done, chunk.Length);
            if (scored >= Volatile.Read(ref nextLog) || scored == ids.Count)
            {
                Volatile.Write(ref nextLog, scored + (ids.Count / 4));
                LogScored(scored, ids.Count, watch.Elapsed.TotalSeconds);
            }
        }).ConfigureAwait(false);

        return Enum.GetValues<RiskBand>().ToDictionary(b => b, b => bands[(int)b]);
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: stored {Stored}/{Total} customers' history ({Seconds:F1} s)")]
    private partial void LogStored(int stored, int total, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: keeping the registered champion {Version}")]
    private partial void LogKeepingChampion(string version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo seed: trained and promoted model {Version} on {Rows} rows ({Positives} delinquent), hold-out ensemble AUC {Auc:F3}, in {Seconds:F1} s")]
    private partial void LogTrained(string version, int rows, int positives, double auc, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: scored {Scored}/{Total} customers ({Seconds:F1} s)")]
    private partial void LogScored(int scored, int total, double seconds);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo portfolio seeded: {Customers} customers in {Seconds:F1} s; Low {Low}, Medium {Medium}, High {High}; {Alerts} alerts pending")]
    private partial void LogCompleted(int customers, double seconds, int low, int medium, int high, long alerts);
}

/// <summary>What a demo seed produced.</summary>
public sealed record DemoSeedResult
{
    public required int Customers { get; init; }

    public required int Transactions { get; init; }

    public required int Statements { get; init; }

    public required string ModelVersion { get; init; }

    /// <summary>Customers per current band.</summary>
    public required IReadOnlyDictionary<RiskBand, int> Bands { get; init; }

    public required long PendingAlerts { get; init; }

    /// <summary>When everyone was scored: the last millisecond of the simulated period.</summary>
    public required DateTimeOffset AssessedAt { get; init; }

    public required double StoreSeconds { get; init; }

    public required double ScoreSeconds { get; init; }

    public required double TotalSeconds { get; init; }
}
