using Hangfire;

namespace CreditRisk.Web.Jobs;

/// <summary><see cref="IRulesWhatIfJobQueue"/> on this host's Hangfire job store.</summary>
public sealed class HangfireRulesWhatIfJobQueue(IBackgroundJobClient jobs, JobStorage storage) : IRulesWhatIfJobQueue
{
    public string Enqueue(string requestId, string requestedBy) =>
        jobs.Enqueue<RulesWhatIfJob>(job => job.RunAsync(requestId, requestedBy, CancellationToken.None));

    public JobProbe Probe(string jobId) => JobProbe.Of(storage, jobId);

    public bool Delete(string jobId) => jobs.Delete(jobId);
}
