using CreditRisk.Core.Risk;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Risk;

/// <summary>The re-score's batches at once: fixed when configured, otherwise every core unless live ingestion is busy.</summary>
public sealed class RescoreParallelismTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void BusyTime_OverlappingBatches_CountsTheTimeAnyWasRunningOnce()
    {
        var load = new LiveIngestionLoad(_time);

        var first = load.Begin();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        var second = load.Begin();
        _time.Advance(TimeSpan.FromMilliseconds(200));
        first.Dispose();
        first.Dispose();
        Assert.True(load.IsBusy);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        second.Dispose();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(load.IsBusy);
        Assert.Equal(TimeSpan.FromMilliseconds(600), load.BusyTime);
    }

    [Fact]
    public void BusyTime_WhileABatchRuns_IncludesItSoFar()
    {
        var load = new LiveIngestionLoad(_time);
        using var running = load.Begin();
        _time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(TimeSpan.FromMilliseconds(250), load.BusyTime);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    public void Allowed_Configured_IsThatNumberWhateverIngestionDoes(int configured, int expected)
    {
        var load = new LiveIngestionLoad(_time);
        using var running = load.Begin();
        var parallelism = new RescoreParallelism(new PortfolioRescoreOptions { Parallelism = configured }, 2, load, _time);

        Assert.Equal(expected, parallelism.Allowed());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(expected, parallelism.Allowed());
    }

    [Fact]
    public void Allowed_AutomaticAndIngestionQuiet_TakesEveryProcessor()
    {
        var parallelism = new RescoreParallelism(new PortfolioRescoreOptions(), 4, new LiveIngestionLoad(_time), _time);

        Assert.Equal(4, parallelism.Allowed());
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(4, parallelism.Allowed());
    }

    [Fact]
    public void Allowed_AutomaticAndABatchRunningAtTheStart_LeavesACoreUntilAWindowShowsIngestionQuiet()
    {
        var load = new LiveIngestionLoad(_time);
        var running = load.Begin();
        var parallelism = new RescoreParallelism(new PortfolioRescoreOptions(), 2, load, _time);
        Assert.Equal(1, parallelism.Allowed());

        _time.Advance(TimeSpan.FromMilliseconds(50));
        running.Dispose();
        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(1, parallelism.Allowed());

        // 50 ms busy in a window of 1.05 s: under 10%.
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, parallelism.Allowed());
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(10, 1)]
    [InlineData(60, 1)]
    public void Allowed_AutomaticAndIngestionBusyForAShareOfASecond_LeavesACoreFromTenPercent(int busyMillisPer100, int expected)
    {
        var load = new LiveIngestionLoad(_time);
        var parallelism = new RescoreParallelism(new PortfolioRescoreOptions(), 2, load, _time);
        Assert.Equal(2, parallelism.Allowed());

        for (var i = 0; i < 10; i++)
        {
            using (load.Begin())
            {
                _time.Advance(TimeSpan.FromMilliseconds(busyMillisPer100));
            }

            _time.Advance(TimeSpan.FromMilliseconds(100 - busyMillisPer100));
        }

        Assert.Equal(expected, parallelism.Allowed());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(8, 7)]
    public void Allowed_AutomaticWithoutALoadToWatch_LeavesACore(int processors, int expected) =>
        Assert.Equal(expected, new RescoreParallelism(new PortfolioRescoreOptions(), processors, null, _time).Allowed());
}
