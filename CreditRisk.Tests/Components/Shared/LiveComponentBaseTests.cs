using Bunit;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin;
using CreditRisk.Web.Components.Pages.Admin.Customers;
using CreditRisk.Web.Components.Pages.Me;
using CreditRisk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace CreditRisk.Tests.Components.Shared;

/// <summary>Live views: a burst of events costs one re-read and render, unrelated events none, and a view that goes away unsubscribes.</summary>
public sealed class LiveComponentBaseTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    private InMemoryRiskEventBus RiskBus => _h.Get<InMemoryRiskEventBus>();

    private InMemoryAlertEventBus AlertBus => _h.Get<InMemoryAlertEventBus>();

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        _h.SignInStaff("asha", AppRoles.Admin);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static RiskAssessed Assessed(string customerId, string id = "ra-x") =>
        new(A.Assessment(id, customerId), EscalatedToHigh: false, AlertId: null);

    private static AlertChanged AlertOf(string customerId) => new(A.Alert(customerId: customerId, status: AlertStatus.Delivered));

    [Fact]
    public void Events_BurstOfRiskAndAlertEvents_OneRefreshAndOneRenderPerInterval()
    {
        var cut = _h.Render<CountingView>();
        var renders = cut.RenderCount;

        for (var i = 0; i < 30; i++)
        {
            RiskBus.Publish(Assessed("c1"));
        }

        for (var i = 0; i < 20; i++)
        {
            AlertBus.Publish(AlertOf("c1"));
        }

        Eventually(() => cut.Instance.Seen == 50);
        Thread.Sleep(50); // the last mark follows its Concerns call
        Assert.Equal(0, cut.Instance.Refreshes);

        _h.Clock.Advance(LiveComponentBase.RefreshInterval);
        cut.WaitForAssertion(() => Assert.Equal("refreshes:1", cut.Markup), TimeSpan.FromSeconds(20));
        Assert.Equal(renders + 1, cut.RenderCount);

        // Nothing new: the next intervals cost nothing.
        _h.Clock.Advance(LiveComponentBase.RefreshInterval);
        _h.Clock.Advance(LiveComponentBase.RefreshInterval);
        Assert.Equal(1, cut.Instance.Refreshes);
        Assert.Equal(renders + 1, cut.RenderCount);
    }

    [Fact]
    public void Events_OnlyAboutOtherCustomers_NoRefresh()
    {
        var cut = _h.Render<CountingView>(p => p.Add(v => v.CustomerId, "c1"));

        RiskBus.Publish(Assessed("c2"));
        AlertBus.Publish(AlertOf("c3"));
        Eventually(() => cut.Instance.Seen == 2);
        _h.Clock.Advance(LiveComponentBase.RefreshInterval);

        Assert.Equal(0, cut.Instance.Refreshes);
    }

    [Fact]
    public async Task Dispose_ViewGoesAway_UnsubscribesFromBothStreamsAndStopsRefreshing()
    {
        var view = _h.Render<CountingView>().Instance;
        Assert.Equal((1, 1), (RiskBus.SubscriberCount, AlertBus.SubscriberCount));

        await _h.Context.DisposeComponentsAsync();
        RiskBus.Publish(Assessed("c1"));
        _h.Clock.Advance(LiveComponentBase.RefreshInterval);

        Assert.Equal((0, 0), (RiskBus.SubscriberCount, AlertBus.SubscriberCount));
        Assert.Equal(0, view.Refreshes);
    }

    [Fact]
    public async Task DrillDown_NewAssessmentForItsCustomer_ShowsItWithinAnIntervalAndUnsubscribesOnDispose()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer()]);
        await _h.Store.Assessments.AddManyAsync([A.Assessment("ra-1", at: A.Now.AddDays(-1))]);
        var cut = _h.Render<CustomerDrillDown>(p => p.Add(x => x.CustomerId, "cust-1"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#score-history tbody tr")), TimeSpan.FromSeconds(20));

        var scored = A.Assessment("ra-2", at: A.Now) with { ComputedAt = A.Now.AddHours(20) };
        await _h.Store.Assessments.AddManyAsync([scored]);
        RiskBus.Publish(new RiskAssessed(scored, EscalatedToHigh: false, AlertId: null));
        await _h.Store.Alerts.TryAddAsync(A.Alert(status: AlertStatus.Read));
        AlertBus.Publish(new AlertChanged(A.Alert(status: AlertStatus.Read)));
        Assert.Equal((1, 1), (RiskBus.SubscriberCount, AlertBus.SubscriberCount));

        AdvanceUntil(cut, () => Assert.Equal(2, cut.FindAll("#score-history tbody tr").Count));
        Assert.Contains("Alert read", cut.Find("#alert-timeline").TextContent);
        Assert.Contains("data to 2 Mar 10:15 · scored 3 Mar 06:15", cut.Find("#profile-assessed").TextContent);

        await _h.Context.DisposeComponentsAsync();
        Assert.Equal((0, 0), (RiskBus.SubscriberCount, AlertBus.SubscriberCount));
    }

    [Fact]
    public async Task Outbox_AlertScheduledByQuietHours_ListedWithWhenItGoes()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer() with { TimeZone = "Asia/Kolkata" }]);
        var cut = _h.Render<Outbox>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#outbox-scheduled-empty")), TimeSpan.FromSeconds(20));

        var scheduled = A.Alert(status: AlertStatus.Pending) with { SentAt = null, DeliveredAt = null, ReadAt = null, NotBefore = A.Now.AddHours(17).AddMinutes(15) };
        await _h.Store.Alerts.TryAddAsync(scheduled);
        AlertBus.Publish(new AlertChanged(scheduled));
        Assert.Equal(1, AlertBus.SubscriberCount);

        AdvanceUntil(cut, () => Assert.Contains("3 Mar 03:30 UTC (09:00 Asia/Kolkata)", cut.Find("[data-testid=outbox-scheduled-row]").TextContent));
    }

    [Fact]
    public async Task MyDashboard_OnlyTheSignedInCustomersEvents_Refresh()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer()]);
        _h.SignInCustomer("cust-1");
        var cut = _h.Render<MyDashboard>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#me-name")), TimeSpan.FromSeconds(20));
        Assert.Equal((1, 1), (RiskBus.SubscriberCount, AlertBus.SubscriberCount));

        await _h.Context.DisposeComponentsAsync();

        Assert.Equal((0, 0), (RiskBus.SubscriberCount, AlertBus.SubscriberCount));
    }

    /// <summary>
    /// Moves the fake clock an interval at a time until <paramref name="assertion"/> holds: the events reach the view on
    /// background tasks, so the first tick may come before they did (a loaded machine), never a tick too many.
    /// </summary>
    private void AdvanceUntil<T>(IRenderedComponent<T> cut, Action assertion)
        where T : IComponent
    {
        for (var tick = 1; ; tick++)
        {
            _h.Clock.Advance(LiveComponentBase.RefreshInterval);
            try
            {
                cut.WaitForAssertion(assertion, TimeSpan.FromSeconds(1));
                return;
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException) when (tick < 20)
            {
            }
        }
    }

    /// <summary>Waits (polling: no render tells) until a background event handler has done its part.</summary>
    private static void Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The event handlers never saw the events.");
            Thread.Sleep(10);
        }
    }

    /// <summary>Counts what the base asks of it; renders its refresh count.</summary>
    private sealed class CountingView : LiveComponentBase
    {
        private int _seen;
        private int _refreshes;

        [Parameter]
        public string? CustomerId { get; set; }

        public int Seen => Volatile.Read(ref _seen);

        public int Refreshes => Volatile.Read(ref _refreshes);

        protected override bool Concerns(RiskAssessed riskAssessed)
        {
            Interlocked.Increment(ref _seen);
            return CustomerId is null || riskAssessed.Assessment.CustomerId == CustomerId;
        }

        protected override bool Concerns(AlertChanged alertChanged)
        {
            Interlocked.Increment(ref _seen);
            return CustomerId is null || alertChanged.Alert.CustomerId == CustomerId;
        }

        protected override Task RefreshAsync()
        {
            Interlocked.Increment(ref _refreshes);
            return Task.CompletedTask;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, $"refreshes:{Refreshes}");
    }
}
