using System.Security.Claims;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Jobs;

namespace CreditRisk.Web.Admin;

/// <summary>
/// Retraining from stored data for the Models page: the last run's state for staff, starting one for admins only
/// (checked here, not just hidden), and at most one queued or running at a time.
/// </summary>
public sealed class RetrainAdminService(ICreditRiskStore store, IRetrainJobQueue jobs, TimeProvider time)
{
    /// <summary>Audit action of a retrain request from the console.</summary>
    public const string RequestedAction = "models.retrain.requested";

    /// <summary>
    /// The last retrain, or null when there has been none. A queued or running state whose Hangfire job has ended
    /// without reporting, or is gone (a restart with the in-memory job store), reads as failed with the reason.
    /// </summary>
    public async Task<RetrainState?> GetLastAsync(CancellationToken ct = default)
    {
        var (state, _) = await RetrainState.ReadAsync(store.Settings, ct);
        return state is null ? null : Reconcile(state);
    }

    /// <summary>Queues a retrain when <paramref name="actor"/> is an admin and none is queued or running.</summary>
    public async Task<AdminActionResult> RequestAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(AppRoles.Admin))
        {
            return AdminActionResult.Fail("Only admins can retrain a model.");
        }

        var (current, version) = await RetrainState.ReadAsync(store.Settings, ct);
        if (current is not null && Reconcile(current) is { IsActive: true } active)
        {
            return AdminActionResult.Fail($"A retrain is already {Describe(active.Status)} (requested by {active.RequestedBy}); wait for it to finish.");
        }

        var now = time.GetUtcNow();
        var requestedBy = ActorName.Of(actor);
        var requestId = Guid.CreateVersion7(now).ToString("N");
        var queued = new RetrainState { RequestId = requestId, Status = RetrainStatus.Queued, RequestedBy = requestedBy, RequestedAt = now };

        // The versioned save is the guard: of two admins clicking at once, one saves and the other is refused.
        if (!await queued.TrySaveAsync(store.Settings, version, now, ct))
        {
            return AdminActionResult.Fail("Another retrain was requested at the same moment; its status is shown below.");
        }

        string jobId;
        try
        {
            jobId = jobs.Enqueue(requestId, requestedBy);
        }
        catch (Exception ex)
        {
            await RetrainState.UpdateAsync(
                store.Settings,
                s => s?.RequestId == requestId ? s with { Status = RetrainStatus.Failed, FinishedAt = time.GetUtcNow(), Error = $"Could not queue the job: {ex.GetBaseException().Message}" } : null,
                time,
                CancellationToken.None);
            return AdminActionResult.Fail($"Could not queue the retrain: {ex.GetBaseException().Message}");
        }

        await RetrainState.UpdateAsync(
            store.Settings, s => s?.RequestId == requestId && s.JobId is null ? s with { JobId = jobId } : null, time, CancellationToken.None);
        await store.Audit.AddAsync(
            new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = now,
                Actor = requestedBy,
                Action = RequestedAction,
                Target = $"job:{jobId}",
                Details = "retrain from stored data; the new version is registered as a challenger",
            },
            CancellationToken.None);
        return AdminActionResult.Ok($"Retrain queued (job {jobId}). The new version will be registered as a challenger for you to promote.");
    }

    /// <summary>An active state whose job can no longer report reads as failed, with the reason.</summary>
    private RetrainState Reconcile(RetrainState state) =>
        state.IsActive && JobInterruption.ReasonFor(state.JobId, state.RequestedAt, time, jobs.Probe) is { } reason
            ? state with { Status = RetrainStatus.Failed, Error = reason }
            : state;

    private static string Describe(RetrainStatus status) => status == RetrainStatus.Running ? "running" : "queued";
}
