using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using CreditRisk.Web.Customers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.WebCustomers;

public sealed class CustomerDashboardServiceTests : IDisposable
{
    private readonly string _dir = TestDirectories.New();

    public void Dispose() => TestDirectories.Delete(_dir);

    [Fact]
    public async Task SpendTrend_PurchaseNearMidnight_CountedInTheMonthOfTheCustomersOwnCalendar()
    {
        // A purchase at 02:00 on 1 March in Kolkata is 20:30 UTC on 28 February.
        var dashboard = await KolkataDashboardAsync(A.Transaction("t-1", "c-1", new DateTimeOffset(2026, 2, 28, 20, 30, 0, TimeSpan.Zero), 5_000m));

        Assert.Equal("1 Mar", dashboard.Clock.Day(dashboard.RecentTransactions[0].Timestamp));
        Assert.Equal(
            [new DateOnly(2025, 10, 1), new(2025, 11, 1), new(2025, 12, 1), new(2026, 1, 1), new(2026, 2, 1), new(2026, 3, 1)],
            dashboard.SpendTrend.Select(m => m.Month));
        Assert.Equal([0m, 0m, 0m, 0m, 0m, 5_000m], dashboard.SpendTrend.Select(m => m.Purchases));
    }

    [Fact]
    public async Task SpendTrend_FirstMonthStartsAtTheCustomersMidnight_APurchaseJustBeforeItIsLeftOut()
    {
        // 1 October 00:00 in Kolkata is 18:30 UTC on 30 September: the first purchase is September's there, the second October's.
        var dashboard = await KolkataDashboardAsync(
            A.Transaction("t-sep", "c-1", new DateTimeOffset(2025, 9, 30, 18, 29, 0, TimeSpan.Zero), 700m),
            A.Transaction("t-oct", "c-1", new DateTimeOffset(2025, 9, 30, 18, 31, 0, TimeSpan.Zero), 300m));

        Assert.Equal(300m, dashboard.SpendTrend[0].Purchases);
        Assert.Equal(300m, dashboard.SpendTrend.Sum(m => m.Purchases));
    }

    [Fact]
    public async Task Welcome_PhoneStillHeldByAnotherCustomersAccount_IsNotShownAsThisCustomers()
    {
        // The bank gave c-1 the number another customer's account (welcomed) still holds: that welcome is not c-1's.
        await using var store = new SqliteCreditRiskStore(Path.Combine(_dir, "store.sqlite"));
        await store.InitializeAsync();
        var customer = A.Customer("c-1");
        await store.Customers.UpsertManyAsync([customer]);
        Assert.True(await store.Users.TryCreateAsync(A.User("u-other") with { PhoneNumber = customer.Phone, CustomerId = "c-2", Roles = [], WelcomeSentAt = A.Now }));
        var time = new FakeTimeProvider(A.Now);

        var dashboard = (await Service(store, time).GetAsync("c-1"))!;

        Assert.Null(dashboard.WelcomeSentAt);
    }

    [Fact]
    public async Task Welcome_TheCustomersOwnAccountWelcomed_IsShown()
    {
        await using var store = new SqliteCreditRiskStore(Path.Combine(_dir, "store.sqlite"));
        await store.InitializeAsync();
        var customer = A.Customer("c-1");
        await store.Customers.UpsertManyAsync([customer]);
        Assert.True(await store.Users.TryCreateAsync(A.User("u-1") with { PhoneNumber = customer.Phone, CustomerId = "c-1", Roles = [], WelcomeSentAt = A.Now }));
        var time = new FakeTimeProvider(A.Now);

        var dashboard = (await Service(store, time).GetAsync("c-1"))!;

        Assert.Equal(A.Now, dashboard.WelcomeSentAt);
    }

    private static CustomerDashboardService Service(SqliteCreditRiskStore store, FakeTimeProvider time)
    {
        var rules = new RuleSettingsService(store.Settings, store.Audit, Options.Create(new RuleOptions()), time, NullLogger<RuleSettingsService>.Instance);
        return new CustomerDashboardService(store, new PastDueReader(store.Statements, rules, time), time, Options.Create(new AlertDeliveryOptions()));
    }

    /// <summary>The dashboard of a customer in Kolkata at 10:00 there on 1 March 2026 (04:30 UTC).</summary>
    private async Task<CustomerDashboard> KolkataDashboardAsync(params Transaction[] transactions)
    {
        await using var store = new SqliteCreditRiskStore(Path.Combine(_dir, "store.sqlite"));
        await store.InitializeAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 4, 30, 0, TimeSpan.Zero));
        await store.Customers.UpsertManyAsync([A.Customer("c-1") with { TimeZone = "Asia/Kolkata" }]);
        await store.Transactions.InsertNewAsync(transactions);
        return (await Service(store, time).GetAsync("c-1"))!;
    }
}
