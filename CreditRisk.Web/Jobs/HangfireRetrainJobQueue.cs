using Hangfire;

namespace CreditRisk.Web.Jobs;

/// <summary><see cref="IRetrainJobQueue"/> on this host's Hangfire job store.</summary>
public sealed class HangfireRetrainJobQueue(IBackgroundJobClient jobs, JobStorage storage) : IRetrainJobQueue
{
    public string Enqueue(string requestId, string requestedBy) =>
        jobs.Enqueue<RetrainFromStoreJob>(job => job.RunAsync(requestId, requestedBy, CancellationToken.None));

    public JobProbe Probe(string jobId) => JobProbe.Of(storage, jobId);
}
