using Hangfire;
using Hangfire.States;

namespace CreditRisk.Web.Jobs;

/// <summary>What became of a queued job, as the job system knows it.</summary>
public enum JobFate
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
public readonly record struct JobProbe(JobFate Fate, string? Detail = null)
{
    /// <summary>Reads a job's state from a Hangfire job store.</summary>
    public static JobProbe Of(JobStorage storage, string jobId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        using var connection = storage.GetConnection();
        var state = connection.GetJobData(jobId)?.State;
        if (state is null)
        {
            return new(JobFate.Gone);
        }

        if (state == EnqueuedState.StateName || state == ProcessingState.StateName
            || state == ScheduledState.StateName || state == AwaitingState.StateName)
        {
            return new(JobFate.Pending);
        }

        if (state == FailedState.StateName)
        {
            var data = connection.GetStateData(jobId);
            return new(JobFate.Failed, data?.Data.TryGetValue("ExceptionMessage", out var message) == true ? message : data?.Reason);
        }

        return new(JobFate.Ended, state);
    }
}
