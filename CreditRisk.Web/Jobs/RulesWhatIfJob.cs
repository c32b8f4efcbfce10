using System.Globalization;
using System.Runtime.ExceptionServices;
using CreditRisk.Core.Audit;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Training;
using Hangfire;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// <c>rules-what-if</c>: backtests the proposal stored in <see cref="RulesWhatIfState"/> with
/// <see cref="RulesWhatIfService"/> (the stored recent history replayed with the settings in force, then with the
/// proposal) and stores the side-by-side result. One at a time (the job store's distributed lock, and the request's
/// check of the state), safe to run twice (a finished request is not run again), never retried automatically,
/// cancellable through the state (<see cref="RulesWhatIfWatch"/>), and every outcome is audited.
/// </summary>
public sealed partial class RulesWhatIfJob(
    RulesWhatIfService whatIf,
    ISettingsRepository settings,
    IAuditLog audit,
    TimeProvider time,
    ILogger<RulesWhatIfJob> logger)
{
    /// <summary>How long a second run waits for the running one's lock before failing.</summary>
    public const int LockTimeoutSeconds = 5;

    public const string CompletedAction = "rules.what-if.completed";
    public const string CancelledAction = "rules.what-if.cancelled";
    public const string FailedAction = "rules.what-if.failed";

    /// <summary>Runs the backtest; returns a one-line summary for the job's page in the dashboard.</summary>
    /// <param name="requestId">The request's <see cref="RulesWhatIfState.RequestId"/>; its state holds the proposal.</param>
    /// <param name="requestedBy">User name of the admin who asked (audit).</param>
    /// <param name="ct">Hangfire's: cancelled when the server stops or the job is deleted in /jobs.</param>
    [Queue(JobIds.DefaultQueue)]
    [JobDisplayName("rules-what-if")]
    [DisableConcurrentExecution(LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(string requestId, string requestedBy, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentException.ThrowIfNullOrEmpty(requestedBy);
        var (state, _) = await RulesWhatIfState.ReadAsync(settings, ct).ConfigureAwait(false);
        if (state is null || state.RequestId != requestId)
        {
            // Requeued from /jobs after a newer request: its proposal is gone with its state.
            return "nothing to do: a newer backtest was requested since";
        }

        if (!state.IsActive)
        {
            return $"already {state.Status.ToString().ToLowerInvariant()}";
        }

        if (state.CancelRequestedBy is { } early)
        {
            return await CancelledAsync(requestId, requestedBy, $"cancelled by {early} before it started").ConfigureAwait(false);
        }

        // Only while still wanted: an admin may cancel the queued request between the read above and this write.
        var running = await RulesWhatIfState.UpdateAsync(
            settings,
            s => s?.RequestId == requestId && s.IsActive && s.CancelRequestedBy is null
                ? s with { Status = RulesWhatIfStatus.Running, StartedAt = time.GetUtcNow(), Percent = 0 }
                : null,
            time,
            ct).ConfigureAwait(false);
        if (running is null)
        {
            return "cancelled before it started";
        }

        LogStarted(requestedBy);
        RulesWhatIfResult? result = null;
        Exception? failure = null;
        var watch = new RulesWhatIfWatch(settings, time, requestId, ct);
        await using (watch.ConfigureAwait(false))
        {
            try
            {
                result = await whatIf.RunAsync(running.Proposal, watch, watch.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        if (result is not null)
        {
            return await SucceededAsync(requestId, requestedBy, result).ConfigureAwait(false);
        }

        if (failure is OperationCanceledException && watch.Error is null && (watch.CancelledBy is not null || ct.IsCancellationRequested))
        {
            // The replay stopped between steps and removed its temporary stores.
            return await CancelledAsync(
                requestId,
                requestedBy,
                watch.CancelledBy is { } by ? $"cancelled by {by}" : "stopped by the job server (deleted in /jobs, or the server shut down)")
                .ConfigureAwait(false);
        }

        // The store failing under the watch stopped the run: that is the reason, not the cancellation it caused.
        var error = failure is OperationCanceledException && watch.Error is { } watchError ? watchError : failure!;
        var reason = error switch
        {
            TrainingDataException or ArgumentException => error.Message,
            _ => $"{error.GetType().Name}: {error.Message}",
        };
        LogFailed(error, requestedBy, reason);
        await UpdateAsync(requestId, s => s with { Status = RulesWhatIfStatus.Failed, FinishedAt = time.GetUtcNow(), Error = reason }, CancellationToken.None)
            .ConfigureAwait(false);
        await AuditAsync(FailedAction, requestedBy, reason).ConfigureAwait(false);
        ExceptionDispatchInfo.Throw(error); // Hangfire marks the job failed, with the exception, in /jobs
        return reason; // not reached
    }

    private async Task<string> SucceededAsync(string requestId, string requestedBy, RulesWhatIfResult result)
    {
        await UpdateAsync(
            requestId,
            s => s with { Status = RulesWhatIfStatus.Succeeded, FinishedAt = time.GetUtcNow(), Percent = 100, Result = result },
            CancellationToken.None).ConfigureAwait(false);
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Customers:N0} customers replayed twice in {result.DurationSeconds:0.#} s: High alerts per 1,000 per month "
            + $"{result.Now.HighAlertsPer1000PerMonth:0.0} → {result.Proposed.HighAlertsPer1000PerMonth:0.0}, delinquents High ≥ 30 days ahead "
            + $"{result.Now.DelinquentsFlaggedAhead.High * 100:0.0}% → {result.Proposed.DelinquentsFlaggedAhead.High * 100:0.0}%, never-delinquent ever High "
            + $"{result.Now.NeverDelinquentFlagged.High * 100:0.0}% → {result.Proposed.NeverDelinquentFlagged.High * 100:0.0}%");
        await AuditAsync(CompletedAction, requestedBy, summary).ConfigureAwait(false);
        LogSucceeded(summary);
        return summary;
    }

    private async Task<string> CancelledAsync(string requestId, string requestedBy, string how)
    {
        await UpdateAsync(
            requestId,
            s => s with { Status = RulesWhatIfStatus.Cancelled, FinishedAt = time.GetUtcNow(), Error = how },
            CancellationToken.None).ConfigureAwait(false);
        await AuditAsync(CancelledAction, requestedBy, how).ConfigureAwait(false);
        LogCancelled(how);
        return how;
    }

    /// <summary>Changes this request's state while it is the stored one; a newer request's state is left alone.</summary>
    private Task<RulesWhatIfState?> UpdateAsync(string requestId, Func<RulesWhatIfState, RulesWhatIfState> change, CancellationToken ct) =>
        RulesWhatIfState.UpdateAsync(settings, current => current?.RequestId == requestId ? change(current) : null, time, ct);

    private async Task AuditAsync(string action, string requestedBy, string details)
    {
        var now = time.GetUtcNow();
        await audit.AddAsync(
            new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = now,
                Actor = JobIds.Actor(JobIds.RulesWhatIf),
                Action = action,
                Target = RulesWhatIfState.SettingsKey,
                Details = $"requested by {requestedBy}: {details}",
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backtest of a proposed rule change started (requested by {RequestedBy})")]
    private partial void LogStarted(string requestedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backtest of a proposed rule change finished: {Summary}")]
    private partial void LogSucceeded(string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backtest of a proposed rule change {How}")]
    private partial void LogCancelled(string how);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backtest of a proposed rule change (requested by {RequestedBy}) failed: {Reason}")]
    private partial void LogFailed(Exception exception, string requestedBy, string reason);
}
