using CreditRisk.Web.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Jobs;

public sealed class JobInterruptionTests
{
    private static readonly DateTimeOffset RequestedAt = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReasonFor_NotQueuedYetWithinTheTimeout_IsNone()
    {
        var time = new FakeTimeProvider(RequestedAt + JobInterruption.UnqueuedRequestTimeout - TimeSpan.FromSeconds(1));

        Assert.Null(JobInterruption.ReasonFor(null, RequestedAt, time, _ => throw new InvalidOperationException("no job to probe")));
    }

    [Fact]
    public void ReasonFor_NotQueuedPastTheTimeout_SaysItNeverReachedTheJobServer()
    {
        var time = new FakeTimeProvider(RequestedAt + JobInterruption.UnqueuedRequestTimeout);

        Assert.Equal("The request was never handed to the job server.", JobInterruption.ReasonFor(null, RequestedAt, time, _ => new JobProbe(JobFate.Pending)));
    }

    [Theory]
    [InlineData(JobFate.Pending, null, null)]
    [InlineData(JobFate.Gone, null, "Job 5 is no longer known to the job server (was the server restarted?).")]
    [InlineData(JobFate.Failed, "lock timeout", "Job 5 failed before it could report: lock timeout.")]
    [InlineData(JobFate.Failed, null, "Job 5 failed before it could report: no reason recorded.")]
    [InlineData(JobFate.Ended, "Deleted", "Job 5 ended (Deleted) without reporting a result.")]
    public void ReasonFor_QueuedJob_FollowsWhatTheJobServerKnows(JobFate fate, string? detail, string? expected)
    {
        var probed = new List<string>();

        var reason = JobInterruption.ReasonFor("5", RequestedAt, new FakeTimeProvider(RequestedAt.AddDays(1)), id =>
        {
            probed.Add(id);
            return new JobProbe(fate, detail);
        });

        Assert.Equal(expected, reason);
        Assert.Equal(["5"], probed);
    }
}
