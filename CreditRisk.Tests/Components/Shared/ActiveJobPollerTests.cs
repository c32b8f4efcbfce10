using CreditRisk.Web.Components.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Components.Shared;

public sealed class ActiveJobPollerTests
{
    [Fact]
    public async Task Poller_OneRefreshFails_KeepsPollingAndDisposesCleanly()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var poller = new ActiveJobPoller(TimeSpan.FromSeconds(3), time, () => true, _ =>
        {
            // The first status read hits a store timeout; the panel must not stay on "running" for good.
            return Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("store busy") : Task.CompletedTask;
        }, NullLogger.Instance);

        for (var tick = 1; tick <= 3; tick++)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            for (var waited = 0; Volatile.Read(ref calls) < tick && waited < 100; waited++)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(3, Volatile.Read(ref calls));
        Assert.Null(await Record.ExceptionAsync(() => poller.DisposeAsync().AsTask()));
    }
}
