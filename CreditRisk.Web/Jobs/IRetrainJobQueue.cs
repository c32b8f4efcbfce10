namespace CreditRisk.Web.Jobs;

/// <summary>
/// The job system as a retrain request sees it: queue <see cref="RetrainFromStoreJob"/>, and ask what became of it.
/// Hangfire in the app (<see cref="HangfireRetrainJobQueue"/>); a fake in component tests, which keeps Hangfire's
/// process-wide statics out of them.
/// </summary>
public interface IRetrainJobQueue
{
    /// <summary>Queues the job and returns its id.</summary>
    string Enqueue(string requestId, string requestedBy);

    JobProbe Probe(string jobId);
}
