namespace CreditRisk.Web.Jobs;

/// <summary>
/// The job system as a backtest request sees it: queue <see cref="RulesWhatIfJob"/>, ask what became of it, delete a
/// queued one. Hangfire in the app (<see cref="HangfireRulesWhatIfJobQueue"/>); a fake in component tests.
/// </summary>
public interface IRulesWhatIfJobQueue
{
    /// <summary>Queues the job and returns its id.</summary>
    string Enqueue(string requestId, string requestedBy);

    JobProbe Probe(string jobId);

    /// <summary>Takes a job out of the queue so it never starts; false when the job system no longer has it.</summary>
    bool Delete(string jobId);
}
