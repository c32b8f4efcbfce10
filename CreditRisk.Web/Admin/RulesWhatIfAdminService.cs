using System.Security.Claims;
using System.Text.Json;
using CreditRisk.Core.Audit;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Jobs;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Admin;

/// <summary>
/// Backtests of proposed rule changes for the Rules page: the last one's state for staff; starting and cancelling one
/// for admins only (checked here, not just hidden); at most one queued or running at a time.
/// </summary>
public sealed class RulesWhatIfAdminService(
    ISettingsRepository settings,
    IAuditLog audit,
    RuleSettingsService rules,
    IOptions<BandingOptions> banding,
    IChampionModelProvider models,
    IRulesWhatIfJobQueue jobs,
    TimeProvider time)
{
    /// <summary>Audit action of a backtest request from the console.</summary>
    public const string RequestedAction = "rules.what-if.requested";

    /// <summary>
    /// The last backtest, or null when there has been none. A queued or running state whose Hangfire job has ended
    /// without reporting, or is gone (a restart with the in-memory job store), reads as failed with the reason.
    /// </summary>
    public async Task<RulesWhatIfState?> GetLastAsync(CancellationToken ct = default)
    {
        var (state, _) = await RulesWhatIfState.ReadAsync(settings, ct);
        return state is null ? null : Reconcile(state);
    }

    /// <summary>Queues a backtest of <paramref name="proposal"/> when <paramref name="actor"/> is an admin, the proposal is valid and none is active.</summary>
    public async Task<AdminActionResult> RequestAsync(ClaimsPrincipal actor, RiskProposal proposal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(proposal);
        if (!actor.IsInRole(AppRoles.Admin))
        {
            return AdminActionResult.Fail("Only admins can backtest a rule change.");
        }

        if (proposal.Validate() is { Count: > 0 } errors)
        {
            return AdminActionResult.Fail("The proposal is not valid, nothing was started: "
                + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        var (current, version) = await RulesWhatIfState.ReadAsync(settings, ct);
        if (current is not null && Reconcile(current) is { IsActive: true } active)
        {
            return AdminActionResult.Fail($"A backtest is already {Describe(active.Status)} (requested by {active.RequestedBy}); wait for it or cancel it.");
        }

        var inForce = await rules.GetAsync(ct);
        var cutoffs = BandCutoffResolver.Resolve(banding.Value, await models.GetChampionAsync(ct)).Cutoffs;
        var changes = proposal.Describe(inForce.Settings, cutoffs);
        var now = time.GetUtcNow();
        var requestedBy = ActorName.Of(actor);
        var requestId = Guid.CreateVersion7(now).ToString("N");
        var queued = new RulesWhatIfState
        {
            RequestId = requestId,
            Status = RulesWhatIfStatus.Queued,
            RequestedBy = requestedBy,
            RequestedAt = now,
            Proposal = proposal,
            Changes = changes,
        };

        // The versioned save is the guard: of two admins clicking at once, one saves and the other is refused.
        if (!await queued.TrySaveAsync(settings, version, now, ct))
        {
            return AdminActionResult.Fail("Another backtest was requested at the same moment; its status is shown below.");
        }

        string jobId;
        try
        {
            jobId = jobs.Enqueue(requestId, requestedBy);
        }
        catch (Exception ex)
        {
            await RulesWhatIfState.UpdateAsync(
                settings,
                s => s?.RequestId == requestId ? s with { Status = RulesWhatIfStatus.Failed, FinishedAt = time.GetUtcNow(), Error = $"Could not queue the job: {ex.GetBaseException().Message}" } : null,
                time,
                CancellationToken.None);
            return AdminActionResult.Fail($"Could not queue the backtest: {ex.GetBaseException().Message}");
        }

        await RulesWhatIfState.UpdateAsync(
            settings, s => s?.RequestId == requestId && s.JobId is null ? s with { JobId = jobId } : null, time, CancellationToken.None);
        await AuditAsync(requestedBy, RequestedAction, $"job:{jobId}", changes.Count == 0 ? "no change: the settings in force against themselves" : string.Join("; ", changes), proposal);
        return AdminActionResult.Ok($"Backtest queued (job {jobId}). It replays the stored history twice, now and with your change; nothing is saved.");
    }

    /// <summary>
    /// Cancels the active backtest when <paramref name="actor"/> is an admin: a queued one never starts (cancelled and
    /// audited here); a running one is asked to stop and records its cancellation itself within seconds.
    /// </summary>
    public async Task<AdminActionResult> CancelAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(AppRoles.Admin))
        {
            return AdminActionResult.Fail("Only admins can cancel a backtest.");
        }

        var by = ActorName.Of(actor);
        var saved = await RulesWhatIfState.UpdateAsync(
            settings,
            s => s is null || !Reconcile(s).IsActive || s.CancelRequestedBy is not null
                ? null
                : s.Status == RulesWhatIfStatus.Queued
                    ? s with { Status = RulesWhatIfStatus.Cancelled, CancelRequestedBy = by, FinishedAt = time.GetUtcNow(), Error = $"cancelled by {by} before it started" }
                    : s with { CancelRequestedBy = by },
            time,
            ct);
        if (saved is null)
        {
            return AdminActionResult.Fail("No backtest is waiting or running, or its cancellation was already asked for.");
        }

        if (saved.Status == RulesWhatIfStatus.Running)
        {
            return AdminActionResult.Ok("Cancelling: the backtest stops at its next step and removes its temporary stores.");
        }

        if (saved.JobId is { } jobId)
        {
            jobs.Delete(jobId);
        }

        await AuditAsync(by, RulesWhatIfJob.CancelledAction, saved.JobId is null ? RulesWhatIfState.SettingsKey : $"job:{saved.JobId}", $"requested by {saved.RequestedBy}: {saved.Error}", null);
        return AdminActionResult.Ok("Backtest cancelled before it started.");
    }

    private async Task AuditAsync(string actor, string action, string target, string details, RiskProposal? proposal)
    {
        var now = time.GetUtcNow();
        await audit.AddAsync(
            new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = now,
                Actor = actor,
                Action = action,
                Target = target,
                NewValue = proposal is null ? null : JsonSerializer.Serialize(proposal, RiskProposal.Json),
                Details = details,
            },
            CancellationToken.None);
    }

    /// <summary>An active state whose job can no longer report reads as failed, with the reason.</summary>
    private RulesWhatIfState Reconcile(RulesWhatIfState state) =>
        state.IsActive && JobInterruption.ReasonFor(state.JobId, state.RequestedAt, time, jobs.Probe) is { } reason
            ? state with { Status = RulesWhatIfStatus.Failed, Error = reason }
            : state;

    private static string Describe(RulesWhatIfStatus status) => status == RulesWhatIfStatus.Running ? "running" : "queued";
}
