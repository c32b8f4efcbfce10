using Hangfire;
using Hangfire.States;

namespace CreditRisk.Web.Jobs;

/// <summary><see cref="IRetrainJobQueue"/> on this host's Hangfire job store.</summary>
public sealed class HangfireRetrainJobQueue(IBackgroundJobClient jobs, JobStorage storage) : IRetrainJobQueue
{
    public string Enqueue(string requestId, string requestedBy) =>
        jobs.Enqueue<RetrainFromStoreJob>(job => job.RunAsync(requestId, requestedBy, CancellationToken.None));

    public RetrainJobProbe Probe(string jobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetJobData(jobId)?.State;
        if (state is null)
        {
            return new(RetrainJobFate.Gone);
        }

        if (state == EnqueuedState.StateName || state == ProcessingState.StateName
            || state == ScheduledState.StateName || state == AwaitingState.StateName)
        {
            return new(RetrainJobFate.Pending);
        }

        if (state == FailedState.StateName)
        {
            var data = connection.GetStateData(jobId);
            return new(RetrainJobFate.Failed, data?.Data.TryGetValue("ExceptionMessage", out var message) == true ? message : data?.Reason);
        }

        return new(RetrainJobFate.Ended, state);
    }
}
