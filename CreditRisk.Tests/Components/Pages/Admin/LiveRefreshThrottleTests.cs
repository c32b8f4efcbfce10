using CreditRisk.Web.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class LiveRefreshThrottleTests
{
    private readonly FakeTimeProvider _time = new();
    private int _refreshes;

    private LiveRefreshThrottle Create() => new(_time, TimeSpan.FromSeconds(1), () =>
    {
        Interlocked.Increment(ref _refreshes);
        return Task.CompletedTask;
    });

    [Fact]
    public void MarkDirty_BurstWithinOneInterval_RefreshesOnce()
    {
        using var throttle = Create();

        for (var i = 0; i < 50; i++)
        {
            throttle.MarkDirty();
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, _refreshes);
    }

    [Fact]
    public void MarkDirty_Never_DoesNotRefresh()
    {
        using var throttle = Create();

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, _refreshes);
    }

    [Fact]
    public void MarkDirty_InTwoIntervals_RefreshesTwice()
    {
        using var throttle = Create();

        throttle.MarkDirty();
        _time.Advance(TimeSpan.FromSeconds(1));
        throttle.MarkDirty();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, _refreshes);
    }
}
