using CreditRisk.Core.Risk;
using Hangfire;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// <c>nightly-portfolio-rescore</c>: re-scores every customer as of now (see <see cref="PortfolioRescoreService"/>).
/// Never two at once, across every server sharing the job store: the storage's distributed lock is held for the whole
/// run, and a run that cannot get it within a few seconds fails instead of waiting for the other to finish.
/// </summary>
public sealed class NightlyPortfolioRescoreJob(PortfolioRescoreService rescore)
{
    /// <summary>How long a second run waits for the running one's lock before giving up.</summary>
    public const int LockTimeoutSeconds = 5;

    [Queue(JobIds.DefaultQueue)]
    [JobDisplayName("nightly-portfolio-rescore")]
    [DisableConcurrentExecution(LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 1)]
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var summary = await rescore.RunAsync(JobIds.Actor(JobIds.NightlyPortfolioRescore), ct);

        // The return value is shown on the job's page in the dashboard.
        return $"{summary.Customers} customers, {summary.Rescored} re-scored, {summary.Escalations} escalations, "
            + $"{summary.FailedCount} failed, {summary.Duration.TotalSeconds:0.0} s ({summary.CustomersPerSecond:0} customers/s)";
    }
}
