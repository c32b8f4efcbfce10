using Bunit;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Customers;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class CustomerDrillDownTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        _h.SignInStaff("asha", AppRoles.Analyst);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static RiskAssessment HighAssessment(string id, DateTimeOffset at) => A.Assessment(id, at: at) with
    {
        Features = [new FeatureValue("utilisation_pct", 95), new FeatureValue("cash_withdrawal_pct_30d", 10)],
        RuleHits = [new RuleHit(RuleIds.UtilisationHigh, RiskBand.High, "Utilisation 95% is above 90%")],
        Reasons = ["Utilisation 95% is above 90%"],
    };

    [Fact]
    public async Task Render_KnownCustomer_ShowsFullPhoneReasonsBreachedThresholdAndTimeline()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer()]);
        await _h.Store.Assessments.AddManyAsync([HighAssessment("ra-1", A.Now.AddDays(-1)), HighAssessment("ra-2", A.Now)]);
        await _h.Store.Alerts.TryAddAsync(A.Alert(status: Core.Alerts.AlertStatus.Read));

        var cut = _h.Render<CustomerDrillDown>(p => p.Add(x => x.CustomerId, "cust-1"));

        cut.WaitForAssertion(() => Assert.Equal("+919812345678", cut.Find("#profile-phone").TextContent));
        Assert.Contains("Utilisation 95% is above 90%", cut.Find("#assessment-reasons").TextContent);
        Assert.Contains(RuleIds.UtilisationHigh, cut.Find("#rule-hits").TextContent);
        var utilisation = cut.Find("tr[data-feature='utilisation_pct']");
        Assert.Contains("feature-breached", utilisation.ClassName);
        Assert.Contains("above 90%", utilisation.TextContent);
        Assert.Equal("95%", utilisation.QuerySelectorAll("td")[1].TextContent);
        Assert.DoesNotContain("feature-breached", cut.Find("tr[data-feature='cash_withdrawal_pct_30d']").ClassName ?? "");
        Assert.Contains("Alert read", cut.Find("#alert-timeline").TextContent);
        Assert.Equal(2, cut.FindAll("#score-history tbody tr").Count);
        Assert.Contains("High from " + (BandCutoffResolver.Resolve(new BandingOptions(), (CreditRisk.Core.Scoring.IRiskModel?)null).Cutoffs.HighFrom * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%", cut.Find("[data-testid=score-history-chart]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Render_CustomerWhoRepliedStop_SaysOnlyTheirStartOptsThemInAgain()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer() with { WhatsAppOptIn = false, WhatsAppOptInAt = null, WhatsAppOptedOutAt = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero) }]);

        var cut = _h.Render<CustomerDrillDown>(p => p.Add(x => x.CustomerId, "cust-1"));

        cut.WaitForAssertion(() => Assert.Equal(
            "No: replied STOP on WhatsApp on 3 Nov 2026; only their reply START opts them in again", cut.Find("#profile-opt-in").TextContent));
    }

    [Fact]
    public void Render_UnknownCustomer_SaysNotFound()
    {
        var cut = _h.Render<CustomerDrillDown>(p => p.Add(x => x.CustomerId, "nobody"));

        cut.WaitForAssertion(() => Assert.Contains("nobody", cut.Find("#customer-not-found").TextContent));
    }

    [Fact]
    public async Task Render_NoAssessmentsOrTransactions_ShowsEmptyStates()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer()]);

        var cut = _h.Render<CustomerDrillDown>(p => p.Add(x => x.CustomerId, "cust-1"));

        cut.WaitForAssertion(() => Assert.Contains("Not assessed yet.", cut.Markup));
        Assert.Contains("No assessments yet.", cut.Markup);
        Assert.Contains("No statements yet.", cut.Markup);
        Assert.Contains("No alerts sent and no messages received.", cut.Markup);
        cut.WaitForAssertion(() => Assert.Contains("No transactions match these filters.", cut.Markup));
    }

    [Fact]
    public async Task TransactionsGrid_ServerPaging_ShowsOnlyTheCustomersNewestPage()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer()]);
        await _h.Store.Transactions.InsertNewAsync(
        [
            .. Enumerable.Range(0, 30).Select(i => A.Transaction($"t{i:00}", at: A.Now.AddHours(-i), amount: 100 + i)),
            A.Transaction("theirs", customerId: "cust-2", amount: 999_999m),
        ]);

        var cut = _h.Render<CustomerTransactionsGrid>(p => p.Add(x => x.CustomerId, "cust-1"));

        // The latest ten first (short enough for a phone); the pager reaches the rest.
        cut.WaitForAssertion(() => Assert.Equal(CustomerTransactionsGrid.PageSize, cut.FindAll("tbody tr.mud-table-row").Count));
        Assert.Contains("100.00", cut.Markup);
        Assert.Contains("109.00", cut.Markup);
        Assert.DoesNotContain("110.00", cut.Markup);
        Assert.DoesNotContain("999,999.00", cut.Markup);
    }

    [Fact]
    public async Task TransactionsGrid_DatesTypedAsIso_FilterByDayAndReversedOnesAreExplained()
    {
        await _h.Store.Customers.UpsertManyAsync([A.Customer()]);
        var day = DateOnly.FromDateTime(A.Now.UtcDateTime);
        await _h.Store.Transactions.InsertNewAsync(
            [.. Enumerable.Range(0, 5).Select(i => A.Transaction($"t{i}", at: A.Now.AddDays(-i), amount: 100 + i))]);
        var cut = _h.Render<CustomerTransactionsGrid>(p => p.Add(x => x.CustomerId, "cust-1"));
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("tbody tr.mud-table-row").Count));

        cut.Find("#tx-from-filter").Change(day.AddDays(-1).ToString("yyyy-MM-dd"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr.mud-table-row").Count));
        Assert.Empty(cut.FindAll("#tx-dates-reversed"));

        cut.Find("#tx-to-filter").Change(day.AddDays(-3).ToString("yyyy-MM-dd"));

        cut.WaitForAssertion(() => Assert.Contains("No transactions match these filters.", cut.Markup));
        Assert.Contains($"From ({day.AddDays(-1):yyyy-MM-dd}) is after To ({day.AddDays(-3):yyyy-MM-dd})", cut.Find("#tx-dates-reversed").TextContent);
    }
}
