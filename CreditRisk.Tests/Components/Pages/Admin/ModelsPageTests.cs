using Bunit;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Models;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class ModelsPageTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        await _h.Store.Models.AddAsync(A.ModelVersion("v1", A.Now.AddDays(-2)) with
        {
            IsChampion = true,
            Metrics = new() { ["ensemble"] = new() { ["auc"] = 0.81, ["ks"] = 0.45 } },
        });
        await _h.Store.Models.AddAsync(A.ModelVersion("v2", A.Now.AddDays(-1)) with
        {
            IsChampion = false,
            Metrics = new() { ["ensemble"] = new() { ["auc"] = 0.86, ["ks"] = 0.52 } },
            Curves = A.ModelCurves(),
            CurvesByModel = A.CurvesByModel(),
        });
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Render_Analyst_ListsVersionsWithMetricsAndPromoteDisabled()
    {
        _h.SignInStaff("asha", AppRoles.Analyst);

        var cut = _h.Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.Contains("0.860", cut.Find("#models-table").TextContent));
        Assert.True(cut.Find("button[aria-label='Promote v2']").HasAttribute("disabled"));
        Assert.NotNull(cut.Find("#models-readonly-note"));
        Assert.NotNull(cut.Find("[data-testid=models-trend-chart]"));
        Assert.Contains("Metrics of v1", cut.Find("#model-metrics").TextContent);
    }

    [Fact]
    public void Render_ChampionWithoutCurves_ShowsTheCurvesEmptyState()
    {
        _h.SignInStaff("asha", AppRoles.Analyst);

        var cut = _h.Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Metrics of v1", cut.Find("#model-metrics").TextContent));
        Assert.Contains("No curves recorded for this version", cut.Find("#model-curves-empty").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=model-roc-chart]"));
        Assert.Empty(cut.FindAll("[data-testid=model-calibration-chart]"));
    }

    [Fact]
    public void Render_SelectVersionWithCurves_ShowsRocAndCalibrationCharts()
    {
        _h.SignInStaff("asha", AppRoles.Analyst);
        var cut = _h.Render<ModelsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#models-table")));

        cut.Find("[aria-label='Show metrics of v2']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Metrics of v2", cut.Find("#model-metrics").TextContent));
        Assert.Contains("Ensemble (AUC 0.860), 4 points", cut.Find("[data-testid=model-roc-chart]").GetAttribute("aria-label"));
        Assert.Contains("Challenger, 2 points", cut.Find("[data-testid=model-roc-chart]").GetAttribute("aria-label"));
        // Two of the three bins hold cases; the empty one is not plotted.
        Assert.Contains("Logistic in 2 probability bins", cut.Find("[data-testid=model-calibration-chart]").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("#model-curves-empty"));
    }

    [Fact]
    public async Task PromoteAsync_Analyst_IsRefusedServerSide()
    {
        _h.SignInStaff("asha", AppRoles.Analyst);
        var analyst = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "asha"), new(System.Security.Claims.ClaimTypes.Role, AppRoles.Analyst)], "test"));

        var result = await _h.Get<ModelAdminService>().PromoteAsync(analyst, "v2");

        Assert.False(result.Succeeded);
        Assert.Equal("v1", (await _h.Store.Models.GetChampionAsync())?.Id);
    }

    [Fact]
    public async Task Render_NoModels_ShowsEmptyState()
    {
        // A fresh harness without the seeded versions.
        await using var empty = await ConsoleHarness.CreateAsync();
        empty.SignInStaff("asha", AppRoles.Analyst);

        var cut = empty.Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#models-empty")));
    }
}
