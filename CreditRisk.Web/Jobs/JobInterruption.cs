namespace CreditRisk.Web.Jobs;

/// <summary>
/// Decides whether a job state that says queued or running can still be believed: the job may have ended without
/// reporting, or be gone (a restart with the in-memory job store), or the request may never have reached the job server.
/// Shared by the admin services so every job's stale state reads as failed with the same reasons.
/// </summary>
public static class JobInterruption
{
    /// <summary>A request never handed to Hangfire (the process stopped in between) stops blocking new ones after this.</summary>
    public static readonly TimeSpan UnqueuedRequestTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Why an active state with job <paramref name="jobId"/> (null = not queued yet), requested at
    /// <paramref name="requestedAt"/>, no longer holds; null when it still may.
    /// </summary>
    public static string? ReasonFor(string? jobId, DateTimeOffset requestedAt, TimeProvider time, Func<string, JobProbe> probe)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(probe);
        if (jobId is null)
        {
            return time.GetUtcNow() - requestedAt < UnqueuedRequestTimeout ? null : "The request was never handed to the job server.";
        }

        var job = probe(jobId);
        return job.Fate switch
        {
            JobFate.Pending => null,
            JobFate.Gone => $"Job {jobId} is no longer known to the job server (was the server restarted?).",
            JobFate.Failed => $"Job {jobId} failed before it could report: {job.Detail ?? "no reason recorded"}.",
            _ => $"Job {jobId} ended ({job.Detail}) without reporting a result.",
        };
    }
}
