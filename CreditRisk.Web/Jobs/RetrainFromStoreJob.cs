using System.Globalization;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Training;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// <c>retrain-from-store</c>: trains a model version on the stored data (<see cref="StoreTrainingDataSource"/>) with the
/// same <see cref="TrainingService"/> as <c>creditrisk train</c>, and registers it as a challenger; admins promote it
/// on the Models page. Never two at once (the job store's distributed lock; a second run fails within seconds rather
/// than queue behind a long one), safe to run twice (a request that already succeeded is not trained again), never
/// retried automatically (a failure is for an admin to read, in /jobs and on the
/// Models page), and every outcome lands in <see cref="RetrainState"/> and the audit log.
/// </summary>
public sealed partial class RetrainFromStoreJob(
    StoreTrainingDataSource source,
    TrainingService training,
    ICreditRiskStore store,
    IOptions<StoreTrainingOptions> options,
    IOptions<BandingOptions> banding,
    TimeProvider time,
    ILogger<RetrainFromStoreJob> logger)
{
    /// <summary>How long a second run waits for the running one's lock before failing.</summary>
    public const int LockTimeoutSeconds = 5;

    public const string SucceededAction = "models.retrain.succeeded";
    public const string FailedAction = "models.retrain.failed";

    /// <summary>Trains and registers; returns a one-line summary for the job's page in the dashboard.</summary>
    /// <param name="requestId">The request's <see cref="RetrainState.RequestId"/>.</param>
    /// <param name="requestedBy">User name of the admin who asked (audit, <c>created_by</c> of the version).</param>
    [Queue(JobIds.DefaultQueue)]
    [JobDisplayName("retrain-from-store")]
    [DisableConcurrentExecution(LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(string requestId, string requestedBy, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentException.ThrowIfNullOrEmpty(requestedBy);
        var (existing, _) = await RetrainState.ReadAsync(store.Settings, ct).ConfigureAwait(false);
        if (existing is { Status: RetrainStatus.Succeeded } done && done.RequestId == requestId)
        {
            // Run twice (redelivered after a crash, requeued in /jobs): one request registers one version.
            return $"already done: version {done.ModelVersion}";
        }

        var started = time.GetUtcNow();
        if (await UpdateAsync(requestId, requestedBy, s => s with { Status = RetrainStatus.Running, StartedAt = started, FinishedAt = null, Error = null }, ct)
            .ConfigureAwait(false) is null)
        {
            // An older request's job (requeued from /jobs, redelivered) while a newer request waits or runs: that one trains.
            return "nothing to do: a newer retrain was requested since";
        }

        LogStarted(requestedBy);
        try
        {
            var rows = await source.BuildAsync(ct).ConfigureAwait(false);
            var o = options.Value;
            var report = await training.TrainAsync(rows, new TrainingRequest
            {
                HoldoutShare = o.HoldoutShare,
                Seed = o.Seed,
                Promote = false,
                CreatedBy = $"retrain:{requestedBy}",
                Cutoffs = banding.Value.Pinned,
                Budget = banding.Value.Budget,
            }, ct).ConfigureAwait(false);

            var auc = report.Models.Ensemble.Auc;
            await UpdateAsync(requestId, requestedBy, s => s with
            {
                Status = RetrainStatus.Succeeded,
                FinishedAt = time.GetUtcNow(),
                ModelVersion = report.Version,
                Rows = report.Rows,
                Positives = report.Positives,
                Auc = auc,
                Comparison = report.ChampionOnSameHoldout,
            }, CancellationToken.None).ConfigureAwait(false);
            var summary = string.Create(
                CultureInfo.InvariantCulture,
                $"version {report.Version} registered as a challenger: {report.Rows} rows, {report.Positives} bad, hold-out ensemble AUC {auc:0.000}; {ComparisonText(report.ChampionOnSameHoldout)}");
            await AuditAsync(SucceededAction, requestedBy, $"model:{report.Version}", summary).ConfigureAwait(false);
            LogSucceeded(report.Version, report.Rows, report.Positives, auc);
            return summary;
        }
        catch (Exception ex)
        {
            // Training data problems are the admin's to fix and read as they are; anything else names its type.
            var reason = ex switch
            {
                TrainingDataException => ex.Message,
                OperationCanceledException => "Cancelled: the server stopped while training.",
                _ => $"{ex.GetType().Name}: {ex.Message}",
            };
            LogFailed(ex, requestedBy, reason);
            await UpdateAsync(requestId, requestedBy, s => s with { Status = RetrainStatus.Failed, FinishedAt = time.GetUtcNow(), Error = reason }, CancellationToken.None)
                .ConfigureAwait(false);
            await AuditAsync(FailedAction, requestedBy, null, reason).ConfigureAwait(false);
            throw; // Hangfire marks the job failed, with the exception, in /jobs
        }
    }

    /// <summary>The champion's figures on the same hold-out rows for the audit and the job's summary, or why there are none.</summary>
    private static string ComparisonText(ChampionComparison? comparison) => comparison switch
    {
        null => "not compared with the champion",
        { Compared: true } c => string.Create(
            CultureInfo.InvariantCulture,
            $"champion {c.ChampionVersion} on the same {c.Rows} hold-out rows: AUC {c.ChampionAuc:0.000} (this version {c.VersionAuc:0.000})"),
        { } c => $"not compared with the champion: {c.Reason}",
    };

    /// <summary>
    /// Changes this request's state; null, changing nothing, while another request is queued or running (its state is
    /// that request's). A run started from /jobs without a request, or after a newer one finished, records itself.
    /// </summary>
    private Task<RetrainState?> UpdateAsync(string requestId, string requestedBy, Func<RetrainState, RetrainState> change, CancellationToken ct) =>
        RetrainState.UpdateAsync(
            store.Settings,
            current => current switch
            {
                { IsActive: true } other when other.RequestId != requestId => null,
                _ => change(current?.RequestId == requestId
                    ? current
                    : new RetrainState { RequestId = requestId, RequestedBy = requestedBy, RequestedAt = time.GetUtcNow(), Status = RetrainStatus.Queued }),
            },
            time,
            ct);

    private async Task AuditAsync(string action, string requestedBy, string? target, string details)
    {
        var now = time.GetUtcNow();
        await store.Audit.AddAsync(
            new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = now,
                Actor = JobIds.Actor(JobIds.RetrainFromStore),
                Action = action,
                Target = target,
                Details = $"requested by {requestedBy}: {details}",
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrain from stored data started (requested by {RequestedBy})")]
    private partial void LogStarted(string requestedBy);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retrain from stored data registered challenger {Version}: {Rows} rows, {Positives} bad, hold-out ensemble AUC {Auc:F3}")]
    private partial void LogSucceeded(string version, int rows, int positives, double auc);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retrain from stored data (requested by {RequestedBy}) failed: {Reason}")]
    private partial void LogFailed(Exception exception, string requestedBy, string reason);
}
