using Bunit;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Components.Pages.Admin.Customers;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>A customer no model scored reads "Rules only" in the grid, not the band's stand-in as a percentage.</summary>
public sealed class HighRiskCustomersRulesOnlyTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        await _h.Store.Customers.UpsertManyAsync([A.Customer("c-model", "+15550100001"), A.Customer("c-rules", "+15550100002")]);
        await _h.Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-model", "c-model", band: RiskBand.High, probability: 0.312),
            A.Assessment("ra-rules", "c-rules", band: RiskBand.High, probability: null),
        ]);
        _h.SignInStaff("asha", "Analyst");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Render_RulesOnlyCustomer_ScoreReadsRulesOnlyWithItsExplanation()
    {
        var cut = _h.Render<HighRiskCustomers>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=score]").Count));
        var scores = cut.FindAll("[data-testid=score]");
        // Sorted by score, the rules-only High still ranks by its band's stand-in (0.9), first.
        Assert.Equal((ScoreText.RulesOnly, ScoreText.RulesOnlyTitle), (scores[0].TextContent, scores[0].GetAttribute("title")));
        Assert.Equal("31.2%", scores[1].TextContent);
        Assert.Null(scores[1].GetAttribute("title"));
        Assert.Contains(ScoreText.RulesOnly, cut.FindAll("[data-testid=phone-risk]")[0].TextContent);
        Assert.DoesNotContain("90.0%", cut.Markup);
    }
}
