using CreditRisk.Core.Portfolio;

namespace CreditRisk.Tests.Portfolio;

public sealed class SnapshotDemandTests
{
    [Fact]
    public void OnEvent_NobodyWatching_AsksForNoRefreshAndTheFirstViewerGetsOne()
    {
        var demand = new SnapshotDemand();

        Assert.False(demand.OnEvent());
        Assert.False(demand.OnEvent());

        Assert.True(demand.AddViewer());
        Assert.False(demand.AddViewer());
    }

    [Fact]
    public void AddViewer_NoEventSinceTheLastRefresh_AsksForNone()
    {
        var demand = new SnapshotDemand();
        Assert.False(demand.OnEvent());
        demand.Refreshing();

        Assert.False(demand.AddViewer());
    }

    [Fact]
    public void OnEvent_WhileSomeoneWatches_AsksForARefreshEachTime()
    {
        var demand = new SnapshotDemand();
        demand.AddViewer();

        Assert.True(demand.OnEvent());
        Assert.True(demand.OnEvent());
    }

    [Fact]
    public void OnEvent_AfterTheLastViewerLeft_AsksForNoneAgain()
    {
        var demand = new SnapshotDemand();
        demand.AddViewer();
        demand.AddViewer();
        demand.RemoveViewer();
        Assert.True(demand.OnEvent());

        demand.RemoveViewer();

        Assert.Equal(0, demand.Viewers);
        Assert.False(demand.OnEvent());
    }

    [Fact]
    public async Task EventsAndViewersAtOnce_EveryEventIsSeenByARefreshOrLeftForTheNextViewer()
    {
        // However events and a viewer's arrival interleave, an event is either answered by a refresh or still
        // remembered: a viewer never keeps a snapshot older than an event it missed.
        for (var round = 0; round < 2_000; round++)
        {
            var demand = new SnapshotDemand();
            var refreshes = 0;
            var viewer = Task.Run(() => Interlocked.Add(ref refreshes, demand.AddViewer() ? 1 : 0));
            var events = Task.Run(() => Interlocked.Add(ref refreshes, demand.OnEvent() ? 1 : 0));
            await Task.WhenAll(viewer, events);

            Assert.True(refreshes >= 1 || demand.AddViewer(), $"round {round}: the event was lost");
        }
    }
}
