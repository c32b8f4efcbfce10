using Bunit;
using CreditRisk.Core.Snapshots;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Customers;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The drill-down's note on where the current risk comes from.</summary>
public sealed class RiskSourceNoteTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        _h.SignInStaff("asha", AppRoles.Analyst);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task StoreSnapshotAsync() => _h.Get<ICustomerSnapshotRepository>().UpsertManyAsync([new CustomerSnapshot
    {
        CustomerId = "cust-1", AsOf = new DateOnly(2026, 11, 30), CreditLimit = 100_000m, UtilisationPct = 50, AvgPaymentRatioPct = 40,
        MinDuePaidFrequencyPct = 20, MerchantMixIndex = 0.5, CashWithdrawalPct = 5, RecentSpendChangePct = -5, ImportedAt = A.Now,
    }]);

    [Fact]
    public async Task Render_SnapshotOnlyCustomer_SaysFromSnapshotOfItsDay()
    {
        await StoreSnapshotAsync();

        var cut = _h.Render<RiskSourceNote>(p => p.Add(x => x.CustomerId, "cust-1"));

        cut.WaitForAssertion(() => Assert.Equal("snapshot", cut.Find("#risk-source").GetAttribute("data-source")));
        Assert.Contains("Current risk from snapshot of 30 Nov 2026", cut.Find("#risk-source").TextContent);
    }

    [Fact]
    public async Task Render_SnapshotCustomerWithOnlyTransactions_StillSaysFromSnapshot()
    {
        await StoreSnapshotAsync();
        Assert.True(await _h.Store.Profiles.TrySaveAsync(A.Profile("cust-1") with { TransactionCount = 3, Cycles = [] }, 0));

        var cut = _h.Render<RiskSourceNote>(p => p.Add(x => x.CustomerId, "cust-1"));

        cut.WaitForAssertion(() => Assert.Equal("snapshot", cut.Find("#risk-source").GetAttribute("data-source")));
        Assert.Contains("the first statement does", cut.Find("#risk-source").TextContent);
    }

    [Fact]
    public async Task Render_SnapshotCustomerWithAStatement_SaysTheBehaviouralProfileTookOver()
    {
        await StoreSnapshotAsync();
        Assert.True(await _h.Store.Profiles.TrySaveAsync(A.Profile("cust-1") with
        {
            TransactionCount = 3,
            Cycles = [new Core.Features.CycleSummary { StatementDate = new DateOnly(2026, 12, 1), CreditLimit = 100_000m, Balance = 50_000m, AmountPaid = 0m, DaysPastDue = 0 }],
        }, 0));

        var cut = _h.Render<RiskSourceNote>(p => p.Add(x => x.CustomerId, "cust-1"));

        cut.WaitForAssertion(() => Assert.Equal("behaviour", cut.Find("#risk-source").GetAttribute("data-source")));
        Assert.Contains("from transactions and statements", cut.Find("#risk-source").TextContent);
        Assert.Contains("snapshot of 30 Nov 2026 no longer scores", cut.Find("#risk-source").TextContent);
    }

    [Fact]
    public void Render_CustomerWithoutSnapshot_ShowsNothing()
    {
        var cut = _h.Render<RiskSourceNote>(p => p.Add(x => x.CustomerId, "cust-9"));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#risk-source")));
    }
}
