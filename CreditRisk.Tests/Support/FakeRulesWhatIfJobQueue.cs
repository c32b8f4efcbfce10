using System.Collections.Concurrent;
using CreditRisk.Web.Jobs;

namespace CreditRisk.Tests.Support;

/// <summary>Remembers queued backtest jobs (never runs them); a test can end one. Unknown ids are <see cref="JobFate.Gone"/>.</summary>
public sealed class FakeRulesWhatIfJobQueue : IRulesWhatIfJobQueue
{
    private readonly ConcurrentDictionary<string, JobProbe> _jobs = new();
    private int _next;

    /// <summary>Queued jobs' arguments, in order.</summary>
    public ConcurrentQueue<(string JobId, string RequestId, string RequestedBy)> Queued { get; } = new();

    /// <summary>Ids of the jobs deleted.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    public string Enqueue(string requestId, string requestedBy)
    {
        var id = $"whatif-job-{Interlocked.Increment(ref _next)}";
        _jobs[id] = new JobProbe(JobFate.Pending);
        Queued.Enqueue((id, requestId, requestedBy));
        return id;
    }

    public JobProbe Probe(string jobId) => _jobs.TryGetValue(jobId, out var probe) ? probe : new JobProbe(JobFate.Gone);

    public bool Delete(string jobId)
    {
        Deleted.Enqueue(jobId);
        return _jobs.TryUpdate(jobId, new JobProbe(JobFate.Ended, "Deleted"), new JobProbe(JobFate.Pending));
    }

    public void End(string jobId, JobProbe probe) => _jobs[jobId] = probe;
}
