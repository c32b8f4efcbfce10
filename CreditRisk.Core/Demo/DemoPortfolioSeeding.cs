using System.Diagnostics;
using System.Threading.Channels;
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
    DemoAlertActivity alertActivity,
    DemoSeedProgress progress,
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
        var storeTask = Task.Run(() => StoreAsync(simulated, storedChunks.Writer, linked.Token), linked.Token);
        var modelTask = Task.Run(() => EnsureModelAsync(state, simulated, linked.Token), linked.Token);
        Dictionary<RiskBand, int> bands;
        string? modelVersion;
        try
        {
            (state, modelVersion) = await modelTask.ConfigureAwait(false);
            var asOf = PeriodEnd(state);
            bands = await ScoreAsync(storedChunks.Reader.ReadAllAsync(linked.Token), simulated.Count, asOf, resuming, linked.Token).ConfigureAwait(false);
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

    /// <summary>
    /// Bulk writes per chunk of customers, each chunk handed on once stored, so the pipeline sees only stored data (as
    /// from ingestion). Every write is idempotent (upserts, insert-if-new).
    /// </summary>
    private async Task<TimeSpan> StoreAsync(List<SimulatedCustomer> simulated, ChannelWriter<SimulatedCustomer[]> stored, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var now = time.GetUtcNow();
            await store.Customers.UpsertManyAsync(
                simulated.ConvertAll(c => c.Customer with { CreatedAt = now, UpdatedAt = now }), ct).ConfigureAwait(false);
            var count = 0;
            foreach (var chunk in simulated.Chunk(ChunkSize))
            {
                await store.Transactions.InsertNewAsync(
                    chunk.SelectMany(c => c.Transactions).Select(t => t with { ReceivedAt = now }).ToList(), ct).ConfigureAwait(false);
                await store.Statements.UpsertManyAsync(
                    chunk.SelectMany(c => c.Statements).Select(s => s with { ReceivedAt = now }).ToList(), ct).ConfigureAwait(false);
                await stored.WriteAsync(chunk, ct).ConfigureAwait(false);
                count += chunk.Length;
                progress.Report($"Storing {count:N0} of {simulated.Count:N0} customers' history", 5 + (90 * count / simulated.Count));
                LogStored(count, simulated.Count, watch.Elapsed.TotalSeconds);
            }

            stored.Complete();
        }
        catch (Exception ex)
        {
            stored.Complete(ex);
            throw;
        }

        return watch.Elapsed;
    }

    /// <summary>The demo's champion: the one trained by an interrupted run, an existing champion, or a new one.</summary>
    private async Task<(DemoSeedState State, string? Version)> EnsureModelAsync(
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
                CreatedBy = Actor,
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

    /// <summary>
    /// Scores everyone through the pipeline in parallel chunks of customers. A fresh seed hands each customer's whole
    /// history to <see cref="RiskPipeline.ProcessAsync"/> (the live path, nothing read back from the store); its
    /// assessment falls on the last statement's end of day, the end of the period. Applying items is not idempotent,
    /// so a resumed seed instead rebuilds each profile from the stored history and re-scores as of the period's end.
    /// </summary>
    private async Task<Dictionary<RiskBand, int>> ScoreAsync(
        IAsyncEnumerable<SimulatedCustomer[]> chunks, int total, DateTimeOffset asOf, bool rebuild, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var bands = new int[Enum.GetValues<RiskBand>().Length];
        var done = 0;
        var nextLog = total / 4;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        await Parallel.ForEachAsync(chunks, parallel, async (chunk, token) =>
        {
            IReadOnlyList<RiskAssessment> assessments;
            if (rebuild)
            {
                foreach (var customer in chunk)
                {
                    await pipeline.RebuildProfileAsync(customer.Customer.Id, token).ConfigureAwait(false);
                }

                assessments = await pipeline.RescoreManyAsync([.. chunk.Select(c => c.Customer.Id)], asOf, token).ConfigureAwait(false);
            }
            else
            {
                // Replayed in weekly slices (DemoTimeline), so the demo has a past: score histories, a trend, migrations.
                var latest = new Dictionary<string, RiskAssessment>(StringComparer.Ordinal);
                foreach (var (transactions, statements) in DemoTimeline.Slices(chunk, asOf))
                {
                    if (transactions.Count + statements.Count == 0)
                    {
                        continue;
                    }

                    foreach (var assessment in await pipeline.ProcessAsync(transactions, statements, token).ConfigureAwait(false))
                    {
                        latest[assessment.CustomerId] = assessment;
                    }
                }

                assessments = [.. latest.Values];
            }

            foreach (var assessment in assessments)
            {
                Interlocked.Increment(ref bands[(int)assessment.Band]);
            }

            var scored = Interlocked.Add(ref done, chunk.Length);
            if (scored >= Volatile.Read(ref nextLog) || scored == total)
            {
                Volatile.Write(ref nextLog, scored + (total / 4));
                LogScored(scored, total, watch.Elapsed.TotalSeconds);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seed: no model could be trained ({Reason}); the expert rules alone score the demo")]
    private partial void LogNoModel(string reason);

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

    /// <summary>The champion everyone was scored with; null when none could be trained (rules alone).</summary>
    public required string? ModelVersion { get; init; }

    /// <summary>Customers per current band.</summary>
    public required IReadOnlyDictionary<RiskBand, int> Bands { get; init; }

    public required long PendingAlerts { get; init; }

    /// <summary>When everyone was scored: the last millisecond of the simulated period.</summary>
    public required DateTimeOffset AssessedAt { get; init; }

    /// <summary>Time spent writing customers, transactions and statements (training and scoring overlap it).</summary>
    public required double StoreSeconds { get; init; }

    public required double TotalSeconds { get; init; }
}
