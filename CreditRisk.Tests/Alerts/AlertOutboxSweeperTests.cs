using CreditRisk.Core.Alerts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Alerts;

public sealed class AlertOutboxSweeperTests
{
    [Fact]
    public async Task SweepAsync_PendingAlertsWithoutAJob_EnqueuesDueOnesAndSchedulesTheRest()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { InFlightGraceSeconds = 600 });
        var hourAgo = AlertHarness.Noon.AddHours(-1);
        await h.AddAlertAsync("due", createdAt: hourAgo);
        var deferred = await h.AddAlertAsync("deferred", createdAt: hourAgo);
        await h.Store.Alerts.TryUpdateAsync(deferred with { NotBefore = AlertHarness.Noon.AddHours(3) }, deferred);
        var claimed = await h.AddAlertAsync("claimed", createdAt: hourAgo);
        await h.Store.Alerts.TryUpdateAsync(claimed with { Attempts = 1, SendingAt = AlertHarness.Noon.AddMinutes(-1) }, claimed);
        var sent = await h.AddAlertAsync("sent", createdAt: hourAgo);
        await h.Store.Alerts.TryUpdateAsync(sent with { Status = AlertStatus.Sent }, sent);
        await h.AddAlertAsync("just-created", createdAt: AlertHarness.Noon);
        var dispatcher = new RecordingDispatcher();

        var count = await Sweeper(h, dispatcher, new AlertDispatchLog(Options.Create(h.Options), h.Time)).SweepAsync();

        Assert.Equal(3, count);
        Assert.Equal(["due"], dispatcher.Enqueued);
        Assert.Equal(
            [("claimed", AlertHarness.Noon.AddMinutes(9)), ("deferred", AlertHarness.Noon.AddHours(3))],
            dispatcher.Scheduled.OrderBy(s => s.At));
    }

    [Fact]
    public async Task SweepAsync_AlertDispatchedRecently_LeavesItAlone()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddAlertAsync("al-1", createdAt: AlertHarness.Noon.AddHours(-1));
        var log = new AlertDispatchLog(Options.Create(h.Options), h.Time);
        var dispatcher = new RecordingDispatcher(log, h.Time);

        await Sweeper(h, dispatcher, log).SweepAsync();
        h.Time.Advance(TimeSpan.FromMinutes(h.Options.RequeueAfterMinutes - 1));
        await Sweeper(h, dispatcher, log).SweepAsync();
        h.Time.Advance(TimeSpan.FromMinutes(2));
        await Sweeper(h, dispatcher, log).SweepAsync();

        // Handed over at once, left alone while the job may still run, handed over again once it looks lost.
        Assert.Equal(["al-1", "al-1"], dispatcher.Enqueued);
    }

    [Fact]
    public async Task SweepAsync_AfterARestartWithAnEmptyLog_HandsEveryPendingAlertOverAgain()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddAlertAsync("a", createdAt: AlertHarness.Noon.AddHours(-1));
        await h.AddAlertAsync("b", createdAt: AlertHarness.Noon.AddHours(-1));
        var beforeRestart = new AlertDispatchLog(Options.Create(h.Options), h.Time);
        await Sweeper(h, new RecordingDispatcher(beforeRestart, h.Time), beforeRestart).SweepAsync();

        var restarted = new AlertDispatchLog(Options.Create(h.Options), h.Time);
        var dispatcher = new RecordingDispatcher(restarted, h.Time);
        await Sweeper(h, dispatcher, restarted).SweepAsync();

        Assert.Equal(["a", "b"], dispatcher.Enqueued.Order());
    }

    [Fact]
    public async Task SweepAsync_OldestPageAllCovered_ReadsPastItToTheAlertThatNeedsHandingOver()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { SweepBatchSize = 2 });
        var log = new AlertDispatchLog(Options.Create(h.Options), h.Time);
        for (var i = 1; i <= 3; i++)
        {
            // Deferred to tomorrow by the daily cap: their jobs are scheduled, so the log covers them.
            await h.AddAlertAsync($"capped-{i}", createdAt: AlertHarness.Noon.AddHours(-4 + (i * 0.1)));
            log.Record($"capped-{i}", AlertHarness.Noon.AddDays(1));
        }

        // A manual alert held by quiet hours that has become due: only the sweep hands it over.
        await h.AddAlertAsync("manual", automatic: false, createdAt: AlertHarness.Noon.AddHours(-1));
        var dispatcher = new RecordingDispatcher(log, h.Time);

        var count = await Sweeper(h, dispatcher, log).SweepAsync();

        Assert.Equal(1, count);
        Assert.Equal(["manual"], dispatcher.Enqueued);
    }

    [Fact]
    public async Task SweepAsync_MorePendingThanABatch_HandsOverABatchPerRunOldestFirst()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { SweepBatchSize = 2 });
        for (var i = 1; i <= 5; i++)
        {
            await h.AddAlertAsync($"al-{i}", createdAt: AlertHarness.Noon.AddHours(-1).AddMinutes(i));
        }

        var log = new AlertDispatchLog(Options.Create(h.Options), h.Time);
        var dispatcher = new RecordingDispatcher(log, h.Time);

        var counts = new[] { await Sweeper(h, dispatcher, log).SweepAsync(), await Sweeper(h, dispatcher, log).SweepAsync(), await Sweeper(h, dispatcher, log).SweepAsync() };

        Assert.Equal([2, 2, 1], counts);
        Assert.Equal(["al-1", "al-2", "al-3", "al-4", "al-5"], dispatcher.Enqueued);
    }

    private static AlertOutboxSweeper Sweeper(AlertHarness h, IAlertDispatcher dispatcher, AlertDispatchLog log) =>
        new(h.Store, dispatcher, log, Options.Create(h.Options), h.Time, NullLogger<AlertOutboxSweeper>.Instance);

    private sealed class RecordingDispatcher(AlertDispatchLog? log = null, TimeProvider? time = null) : IAlertDispatcher
    {
        public List<string> Enqueued { get; } = [];

        public List<(string AlertId, DateTimeOffset At)> Scheduled { get; } = [];

        public void Enqueue(string alertId)
        {
            Enqueued.Add(alertId);
            log?.Record(alertId, time!.GetUtcNow());
        }

        public void Schedule(string alertId, DateTimeOffset at)
        {
            Scheduled.Add((alertId, at));
            log?.Record(alertId, at);
        }
    }
}
