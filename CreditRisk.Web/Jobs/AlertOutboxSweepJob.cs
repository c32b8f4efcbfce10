using CreditRisk.Core.Alerts;
using Hangfire;

namespace CreditRisk.Web.Jobs;

/// <summary><c>alert-outbox-sweep</c>: every minute, re-queues pending alerts whose job went missing (see <see cref="AlertOutboxSweeper"/>).</summary>
public sealed class AlertOutboxSweepJob(AlertOutboxSweeper sweeper)
{
    [Queue(JobIds.AlertsQueue)]
    [JobDisplayName("alert-outbox-sweep")]
    [DisableConcurrentExecution(10)]
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken ct) => sweeper.SweepAsync(ct);
}
