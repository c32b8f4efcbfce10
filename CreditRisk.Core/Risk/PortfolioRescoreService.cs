using System.Diagnostics;
using System.Text.Json;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Re-scores every customer as of now (so windows move on for customers who stopped transacting), in keyset-paged
/// batches through <see cref="RiskPipeline.RescoreManyAsync"/> with its bulk reads and writes. A batch that fails is
/// retried customer by customer, customers that still fail are retried after the pass, and the rest of the portfolio
/// carries on regardless. Escalations raise alerts through the pipeline as usual. One run at a time per process (the
/// job host adds a distributed lock across processes).
/// </summary>
public sealed class PortfolioRescoreService(
    RiskPipeline pipeline,
    ICreditRiskStore store,
    IOptions<PortfolioRescoreOptions> options,
    TimeProvider time,
    ILogger<PortfolioRescoreService> logger,
    LiveIngestionLoad? liveIngestion = null)
{
    /// <summary>Audit action of a finished run.</summary>
    public const string AuditAction = "jobs.portfolio-rescore.completed";

    /// <summary>Audit action of a run that stopped part-way (cancelled, or the store failed).</summary>
    public const string StoppedAuditAction = "jobs.portfolio-rescore.stopped";

    private const int ListedFailures = 100;

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Runs the re-score; throws <see cref="InvalidOperationException"/> when a run is already going in this process.</summary>
    /// <param name="actor">Who runs it, for the log and audit (a job id, <c>cli</c>).</param>
    /// <param name="ct">Stops between batches.</param>
    public async Task<PortfolioRescoreSummary> RunAsync(string actor, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (!await _running.WaitAsync(0, ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A portfolio re-score is already running in this process.");
        }

        try
        {
            return await RunExclusiveAsync(actor, ct).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<PortfolioRescoreSummary> RunExclusiveAsync(string actor, CancellationToken ct)
    {
        var settings = options.Value;
        var stopwatch = Stopwatch.StartNew();
        var asOf = time.GetUtcNow();
        var total = await store.Customers.CountAsync(ct).ConfigureAwait(false);
        var parallelism = new RescoreParallelism(settings, Environment.ProcessorCount, liveIngestion, time);
        var allowed = parallelism.Allowed();
        logger.LogInformation(
            "Portfolio re-score as of {AsOf} started by {Actor}: {Total} customers, {Parallelism} batches at once",
            asOf, actor, total, allowed);

        long visited = 0, rescored = 0, escalations = 0, nextProgress = settings.ProgressEvery;
        var mostAtOnce = 0;
        var failed = new List<string>();
        var inFlight = new List<Task<BatchOutcome>>();
        string? after = null;
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var ids = await store.Customers.ListIdsAsync(after, settings.BatchSize, ct).ConfigureAwait(false);
                if (ids.Count == 0)
                {
                    break;
                }

                after = ids[^1];
                visited += ids.Count;

                // The embedded store completes synchronously, so a batch runs on whichever thread starts it: Task.Run lets
                // batches overlap. They never share a customer (keyset pages), and the pipeline's locks order the rest.
                inFlight.Add(Task.Run(() => RescoreBatchAsync(ids, asOf, ct), ct));
                mostAtOnce = Math.Max(mostAtOnce, inFlight.Count);
                while (inFlight.Count >= (allowed = NextAllowed(parallelism, allowed)))
                {
                    (rescored, escalations) = Collect(await TakeFirstAsync(inFlight).ConfigureAwait(false), rescored, escalations, failed);
                }

                if (visited >= nextProgress)
                {
                    nextProgress = visited + settings.ProgressEvery;
                    logger.LogInformation(
                        "Portfolio re-score: {Visited}/{Total} customers, {Escalations} escalations, {Failed} failing, {Rate:0} customers/s",
                        visited, total, escalations, failed.Count, visited / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-3));
                }
            }

            while (inFlight.Count > 0)
            {
                (rescored, escalations) = Collect(await TakeFirstAsync(inFlight).ConfigureAwait(false), rescored, escalations, failed);
            }

            for (var retry = 1; retry <= settings.FailedCustomerRetries && failed.Count > 0; retry++)
            {
                logger.LogInformation("Portfolio re-score: retrying {Count} failed customers (round {Round})", failed.Count, retry);
                var again = new List<string>();
                var (done, escalated) = await RescoreOneByOneAsync(failed, asOf, again, ct).ConfigureAwait(false);
                rescored += done;
                escalations += escalated;
                failed = again;
            }
        }
        catch (Exception ex)
        {
            // Stopped part-way (cancelled, or the customer list could not be read): the batches already started finish
            // first, so a retry of the job never overlaps them, and the stop goes on the record like a finished run.
            await DrainAsync(inFlight).ConfigureAwait(false);
            logger.Log(
                ex is OperationCanceledException ? LogLevel.Warning : LogLevel.Error,
                ex, "Portfolio re-score stopped after {Visited} of {Total} customers", visited, total);
            await AuditStopAsync(actor, asOf, visited, ex).ConfigureAwait(false);
            throw;
        }

        var summary = new PortfolioRescoreSummary(asOf, visited, rescored, escalations, [.. failed.Take(ListedFailures)], failed.Count, stopwatch.Elapsed, mostAtOnce);
        var level = failed.Count > 0 ? LogLevel.Warning : LogLevel.Information;
        logger.Log(
            level,
            "Portfolio re-score finished: {Customers} customers, {Rescored} re-scored, {Escalations} escalations to High, {Failed} failed, in {Duration} ({Rate:0} customers/s)",
            summary.Customers, summary.Rescored, summary.Escalations, summary.FailedCount, summary.Duration, summary.CustomersPerSecond);
        await AuditAsync(actor, summary, ct).ConfigureAwait(false);
        return summary;
    }

    /// <summary>The batches allowed from now on; a change is logged, since it says live ingestion started or stopped.</summary>
    private int NextAllowed(RescoreParallelism parallelism, int before)
    {
        var now = parallelism.Allowed();
        if (now != before)
        {
            logger.LogInformation(
                "Portfolio re-score: {Parallelism} batches at once from now on ({Reason})",
                now, parallelism.Yielding ? "live ingestion is busy" : "live ingestion is quiet");
        }

        return now;
    }

    private static async Task<BatchOutcome> TakeFirstAsync(List<Task<BatchOutcome>> inFlight)
    {
        var finished = await Task.WhenAny(inFlight).ConfigureAwait(false);
        inFlight.Remove(finished);
        return await finished.ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the batches still running. One ends early only when the run is cancelled (it stops between customers,
    /// which is what was asked) or when its customers keep failing in a row; the run is stopping on its first error
    /// already, and each customer's failure was logged as it happened.
    /// </summary>
    private static async Task DrainAsync(List<Task<BatchOutcome>> inFlight)
    {
        try
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Task.WhenAll has waited for every batch before throwing: none is left running.
        }
    }

    private static (long Rescored, long Escalations) Collect(BatchOutcome outcome, long rescored, long escalations, List<string> failed)
    {
        failed.AddRange(outcome.Failed);
        return (rescored + outcome.Done, escalations + outcome.Escalated);
    }

    private async Task<BatchOutcome> RescoreBatchAsync(IReadOnlyList<string> ids, DateTimeOffset asOf, CancellationToken ct)
    {
        try
        {
            var assessments = await pipeline.RescoreManyAsync(ids, asOf, ct).ConfigureAwait(false);
            return new BatchOutcome(assessments.Count, assessments.Count(EscalationAlerts.IsEscalation), []);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Part of the batch may be stored already; re-assessing those customers again is harmless (an escalation
            // already alerted finds the alert exists). One by one isolates the customers that fail.
            logger.LogWarning(ex, "Portfolio re-score: a batch of {Count} customers failed; retrying them one by one", ids.Count);
            var failed = new List<string>();
            var (done, escalated) = await RescoreOneByOneAsync(ids, asOf, failed, ct).ConfigureAwait(false);
            return new BatchOutcome(done, escalated, failed);
        }
    }

    private async Task<(long Done, long Escalated)> RescoreOneByOneAsync(
        IReadOnlyList<string> ids, DateTimeOffset asOf, List<string> failed, CancellationToken ct)
    {
        long done = 0, escalated = 0;
        var inARow = 0;
        foreach (var id in ids)
        {
            try
            {
                var assessment = await pipeline.RescoreAsync(id, asOf, ct).ConfigureAwait(false);
                done++;
                escalated += EscalationAlerts.IsEscalation(assessment) ? 1 : 0;
                inARow = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Portfolio re-score: customer {CustomerId} failed", id);
                failed.Add(id);

                // With the store down every customer fails: trying each of them (and again in each retry round) only
                // floods the log. The run stops and records why; the job's retry picks it up later.
                if (++inARow >= options.Value.StopAfterFailuresInARow)
                {
                    throw new InvalidOperationException(
                        $"{inARow} customers in a row failed to re-score one by one, the last with: {ex.Message}", ex);
                }
            }
        }

        return (done, escalated);
    }

    private sealed record BatchOutcome(long Done, long Escalated, List<string> Failed);

    private Task AuditStopAsync(string actor, DateTimeOffset asOf, long visited, Exception error) =>
        // Not the run's token: a cancelled run must still be recorded.
        AddAuditAsync(actor, StoppedAuditAction, new { AsOf = asOf, CustomersReached = visited, Error = error.Message }, CancellationToken.None);

    private Task AuditAsync(string actor, PortfolioRescoreSummary summary, CancellationToken ct) =>
        AddAuditAsync(actor, AuditAction, new
        {
            summary.AsOf,
            summary.Customers,
            summary.Rescored,
            summary.Escalations,
            summary.FailedCount,
            summary.FailedCustomerIds,
            DurationSeconds = Math.Round(summary.Duration.TotalSeconds, 3),
            CustomersPerSecond = Math.Round(summary.CustomersPerSecond, 1),
            summary.MostBatchesAtOnce,
        }, ct);

    private async Task AddAuditAsync(string actor, string action, object details, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            await store.Audit.AddAsync(new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
                Actor = actor,
                Action = action,
                Target = "portfolio",
                Details = JsonSerializer.Serialize(details, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not audit the portfolio re-score ({Action})", action);
        }
    }
}
