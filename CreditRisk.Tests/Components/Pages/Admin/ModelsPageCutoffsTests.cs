using Bunit;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Models;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The Models page shows each version's band cut-offs, where they came from, and which are in force.</summary>
public sealed class ModelsPageCutoffsTests
{
    private static ModelVersion Legacy => A.ModelVersion("v1", A.Now.AddDays(-2)) with { IsChampion = true };

    private static ModelVersion Budgeted => A.ModelVersion("v2", A.Now.AddDays(-1)) with
    {
        Cutoffs = A.ChosenCutoffs(),
        BudgetCurve = A.BudgetCurve(),
    };

    [Fact]
    public async Task Render_ChampionWithoutStoredCutoffs_LegacyDefaultsInForceAndEachVersionsOwnListed()
    {
        await using var h = await HarnessAsync(Legacy, Budgeted);

        var cut = h.Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#cutoffs-in-force")));
        var inForce = cut.Find("#cutoffs-in-force");
        Assert.Equal("legacydefaults", inForce.GetAttribute("data-origin"));
        Assert.Contains("Medium from 10.0%, High from 30.0%", inForce.TextContent);
        Assert.Contains("the champion v1 was trained before cut-offs were stored", inForce.TextContent);
        Assert.Equal("Medium from 10.0%, High from 30.0% (legacy)", cut.Find("[data-cutoffs=v1]").TextContent);
        Assert.Equal("Medium from 5.63%, High from 15.46%", cut.Find("[data-cutoffs=v2]").TextContent);
        Assert.Contains("none stored", cut.Find("#model-cutoffs").TextContent);
        Assert.Contains("No alert-budget curve recorded", cut.Find("#budget-curve-empty").TextContent);
    }

    [Fact]
    public async Task Render_SelectVersionWithStoredCutoffs_ShowsTheirBudgetHoldoutFiguresAndCurve()
    {
        await using var h = await HarnessAsync(Legacy, Budgeted);
        var cut = h.Render<ModelsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#models-table")));

        cut.Find("[aria-label='Show metrics of v2']").Click();

        cut.WaitForAssertion(() => Assert.Equal("budget", cut.Find("#model-cutoffs").GetAttribute("data-basis")));
        var text = cut.Find("#model-cutoffs").TextContent;
        Assert.Contains("Medium from 5.63%, High from 15.46%", text);
        Assert.Contains("chosen on the hold-out from a budget of 25 High alerts per 1,000 customers a month and a 10.0% watch list", text);
        Assert.Contains("24.89 High alerts per 1,000 customer-months", text);
        Assert.Contains("(6,108 rows of 892 customers)", text);
        Assert.Contains("one row per customer", cut.Find("#model-cutoffs-note").TextContent);
        Assert.Equal("They take effect if this version is promoted.", cut.Find("#model-cutoffs-status").TextContent);
        Assert.Contains("2 budgets from 25 to 50", cut.Find("[data-testid=budget-curve-chart]").GetAttribute("aria-label"));
        var rows = cut.FindAll("#budget-curve-table tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains("no cut-off fits", rows[0].TextContent);
        Assert.Contains("25 (budget in use)", rows[1].TextContent);
        Assert.Contains("32.4%", rows[1].TextContent);
        Assert.Empty(cut.FindAll("#budget-curve-basis")); // counted on the same monthly rows as the curve: nothing to explain
    }

    [Fact]
    public async Task Render_CutoffsCountedAtTheLiveCadence_ShowsTheReadingsTheyWereCountedOn()
    {
        var counted = Budgeted with { Cutoffs = Budgeted.Cutoffs! with { HoldoutReadings = 54_932 } };
        await using var h = await HarnessAsync(Legacy, counted);
        var cut = h.Render<ModelsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#models-table")));

        cut.Find("[aria-label='Show metrics of v2']").Click();

        cut.WaitForAssertion(() => Assert.Contains("(54,932 readings of 892 customers)", cut.Find("#model-cutoffs").TextContent));
        Assert.Contains("of readings High", cut.Find("#model-cutoffs").TextContent);

        // The curve is still the monthly rows' (the model alone): it says why its cut-off for the budget is not the one in use.
        Assert.Contains(
            "its budget of 25 uses High from 15.46%, not the cut-off this table gives",
            System.Text.RegularExpressions.Regex.Replace(cut.Find("#budget-curve-basis").TextContent, @"\s+", " "));
    }

    [Fact]
    public async Task Render_ChampionWithStoredCutoffs_ItsOwnAreInForce()
    {
        await using var h = await HarnessAsync(Legacy with { IsChampion = false }, Budgeted with { IsChampion = true });

        var cut = h.Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.Equal("model", cut.Find("#cutoffs-in-force").GetAttribute("data-origin")));
        Assert.Contains("Medium from 5.63%, High from 15.46% — the champion v2's own, chosen on the hold-out", cut.Find("#cutoffs-in-force").TextContent);
        Assert.Equal("These are in force: this version is the champion.", cut.Find("#model-cutoffs-status").TextContent);
        Assert.Contains("in force", cut.Find("[data-cutoffs=v2]").ParentElement!.TextContent);
    }

    [Fact]
    public async Task Render_PinnedByConfiguration_PinnedInForceAndTheChampionsMarkedNotInForce()
    {
        await using var h = await HarnessAsync(
            [Legacy with { IsChampion = false }, Budgeted with { IsChampion = true }],
            services => services.Configure<BandingOptions>(o => (o.MediumFrom, o.HighFrom) = (0.2, 0.45)));

        var cut = h.Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.Equal("pinned", cut.Find("#cutoffs-in-force").GetAttribute("data-origin")));
        Assert.Contains("Medium from 20.0%, High from 45.0% — pinned by configuration", cut.Find("#cutoffs-in-force").TextContent);
        Assert.Equal("Not in force: configuration pins other cut-offs.", cut.Find("#model-cutoffs-status").TextContent);
        Assert.DoesNotContain("in force", cut.Find("[data-cutoffs=v2]").ParentElement!.TextContent);
    }

    [Fact]
    public async Task Render_ChampionThatCannotBeLoaded_WarnsAndShowsTheServingModelsCutoffsInForce()
    {
        // v2 (own cut-offs) serves; then v1 is promoted, but its package cannot be loaded: v2 stays in service.
        await using var h = await HarnessAsync(Legacy with { IsChampion = false }, Budgeted with { IsChampion = true });
        var champions = (RegistryChampionStub)h.Get<IChampionModelProvider>();
        await champions.RefreshAsync();
        champions.Unloadable.Add("v1");
        await h.Store.Models.PromoteAsync("v1", A.Now);

        var cut = h.Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#champion-not-in-service")));
        Assert.Contains("The champion v1 is not in service", cut.Find("#champion-not-in-service").TextContent);
        Assert.Contains("v2 goes on scoring customers", cut.Find("#champion-not-in-service").TextContent);
        Assert.Contains("Medium from 5.63%, High from 15.46% — the model in service v2's own", cut.Find("#cutoffs-in-force").TextContent);
        Assert.Contains("in force", cut.Find("[data-cutoffs=v2]").ParentElement!.TextContent);
        Assert.DoesNotContain("in force", cut.Find("[data-cutoffs=v1]").ParentElement!.TextContent);
        Assert.Equal("Not in force: this champion could not be loaded, so the model in service keeps its own.", cut.Find("#model-cutoffs-status").TextContent);
    }

    private static Task<ConsoleHarness> HarnessAsync(params ModelVersion[] versions) => HarnessAsync(versions, null);

    private static async Task<ConsoleHarness> HarnessAsync(ModelVersion[] versions, Action<IServiceCollection>? services)
    {
        // The versions hold placeholder bytes: the stub serves the registry's champion as the real provider would a loadable one.
        var h = await ConsoleHarness.CreateAsync(s =>
        {
            s.AddSingleton<IChampionModelProvider>(sp => new RegistryChampionStub(sp.GetRequiredService<IModelRegistry>()));
            services?.Invoke(s);
        });
        foreach (var version in versions)
        {
            await h.Store.Models.AddAsync(version);
        }

        h.SignInStaff("asha", AppRoles.Analyst);
        return h;
    }
}
