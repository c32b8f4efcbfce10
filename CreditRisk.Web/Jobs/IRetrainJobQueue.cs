namespace CreditRisk.Web.Jobs;

/// <summary>What became of a queued retrain job, as the job system knows it.</summary>
public enum RetrainJobFate
{
    /// <summary>Queued, scheduled or running.</summary>
    Pending,

    /// <summary>The job system no longer knows the job (expired, or lost with an in-memory job store on restart).</summary>
    Gone,

    /// <summary>Failed; the detail holds the exception message.</summary>
    Failed,

    /// <summary>Ended otherwise (succeeded, deleted); the detail holds the state's name.</summary>
    Ended,
}

/// <summary>A job's fate and its detail (failure message or state name).</summary>
public readonly record struct RetrainJobProbe(RetrainJobFate Fate, string? Detail = null);

/// <summary>
/// The job system as a retrain request sees it: queue <see cref="RetrainFromStoreJob"/>, and ask what became of it.
/// Hangfire in the app (<see cref="HangfireRetrainJobQueue"/>); a fake in component tests, which keeps Hangfire's
/// process-wide statics out of them.
/// </summary>
public interface IRetrainJobQueue
{
    /// <summary>Queues the job and returns its id.</summary>
    string Enqueue(string requestId, string requestedBy);

    RetrainJobProbe Probe(string jobId);
}
