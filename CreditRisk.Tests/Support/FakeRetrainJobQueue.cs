using System.Collections.Concurrent;
using CreditRisk.Web.Jobs;

namespace CreditRisk.Tests.Support;

/// <summary>Remembers queued retrain jobs (never runs them); a test can end one. Unknown ids are <see cref="JobFate.Gone"/>.</summary>
public sealed class FakeRetrainJobQueue : IRetrainJobQueue
{
    private readonly ConcurrentDictionary<string, JobProbe> _jobs = new();
    private int _next;

    /// <summary>Queued jobs' arguments, in order.</summary>
    public ConcurrentQueue<(string JobId, string RequestId, string RequestedBy)> Queued { get; } = new();

    public string Enqueue(string requestId, string requestedBy)
    {
        var id = $"job-{Interlocked.Increment(ref _next)}";
        _jobs[id] = new JobProbe(JobFate.Pending);
        Queued.Enqueue((id, requestId, requestedBy));
        return id;
    }

    public JobProbe Probe(string jobId) => _jobs.TryGetValue(jobId, out var probe) ? probe : new JobProbe(JobFate.Gone);

    public void End(string jobId, JobProbe probe) => _jobs[jobId] = probe;
}
