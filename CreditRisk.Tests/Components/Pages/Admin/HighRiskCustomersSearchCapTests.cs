using Bunit;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Components.Pages.Admin.Customers;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>A search past the cap is named on the page and its export is held back; a narrower one is not.</summary>
public sealed class HighRiskCustomersSearchCapTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        var ids = Enumerable.Range(0, RiskGridService.MaxSearchMatches + 1).Select(i => $"c-{i:000}").ToList();
        await _h.Store.Customers.UpsertManyAsync([.. ids.Select((id, i) => A.Customer(id, $"+1555010{i:0000}") with { FullName = "Asha Rao" })]);
        await _h.Store.Assessments.AddManyAsync([.. ids.Select(id => A.Assessment($"ra-{id}", id, band: RiskBand.High))]);
        _h.SignInStaff("asha", "Analyst");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    // Generous: a wait ends as soon as its condition holds, and a full suite on two cores once kept the grid's searches
    // past 5 s (the second wait timed out without a single check).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Search_MoreMatchesThanTheCap_WarnsAndHoldsTheExportBack_NarrowerSearchDoesNot()
    {
        var cut = _h.Render<HighRiskCustomers>();
        cut.WaitForAssertion(() => Assert.Contains("of 201", cut.Find("[data-testid=risk-grid]").TextContent), Patience);
        Assert.Empty(cut.FindAll("#risk-grid-search-capped"));

        cut.Find("#risk-grid-search").Input("asha");
        cut.Find("#risk-grid-search").Blur();
        cut.WaitForAssertion(() => Assert.Contains("More than 200 customers match \"asha\"", cut.Find("#risk-grid-search-capped").TextContent), Patience);
        Assert.Null(cut.Find("#risk-grid-export").GetAttribute("href"));

        cut.Find("#risk-grid-search").Input("c-00");
        cut.Find("#risk-grid-search").Blur();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#risk-grid-search-capped")), Patience);
        Assert.Contains("q=c-00", cut.Find("#risk-grid-export").GetAttribute("href"));
    }
}
