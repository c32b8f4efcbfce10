using Bunit;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Models;
using CreditRisk.Web.Jobs;

namespace CreditRisk.Tests.Components.Pages.Admin;

/// <summary>The Models page puts a version's figures beside the champion's only when both are on the same hold-out rows.</summary>
public sealed class ModelsPageChampionComparisonTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync();
        await _h.Store.Models.AddAsync(A.ModelVersion("v1", A.Now.AddDays(-3)) with
        {
            IsChampion = true,
            Metrics = new() { ["ensemble"] = new() { ["auc"] = 0.81, ["brier"] = 0.07 } },
        });
        await _h.Store.Models.AddAsync(A.ModelVersion("v2", A.Now.AddDays(-2)) with
        {
            Metrics = new() { ["ensemble"] = new() { ["auc"] = 0.86, ["brier"] = 0.06 } },
            ChampionOnSameHoldout = new ChampionComparison
            {
                Compared = true,
                ChampionVersion = "v1",
                Rows = 1234,
                Positives = 150,
                VersionAuc = 0.86,
                VersionBrier = 0.06,
                ChampionAuc = 0.792,
                ChampionBrier = 0.0712,
                Note = "The champion was trained on data up to 2026-01-31.",
            },
        });
        await _h.Store.Models.AddAsync(A.ModelVersion("v3", A.Now.AddDays(-1)) with
        {
            Metrics = new() { ["ensemble"] = new() { ["auc"] = 0.88 } },
            ChampionOnSameHoldout = new ChampionComparison
            {
                ChampionVersion = "v1",
                Rows = 300,
                Positives = 40,
                VersionAuc = 0.88,
                VersionBrier = 0.05,
                Reason = "The champion v1 reads 3 features that do not fit this version's 7 (…), so it cannot score these rows.",
            },
        });
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Render_ComparedVersion_ShowsBothOnTheSameRowsSideBySide()
    {
        _h.SignInStaff("asha", AppRoles.Admin);
        var cut = _h.Render<ModelsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#models-table")));

        Assert.Contains("champion 0.792 on the same 1,234 rows", cut.Find("[data-same-rows=v2]").TextContent);
        Assert.Contains("not comparable between versions", cut.Find("#models-not-comparable").TextContent);
        cut.Find("[aria-label='Show metrics of v2']").Click();

        var panel = cut.Find("#champion-comparison");
        Assert.Equal("true", panel.GetAttribute("data-compared"));
        Assert.Contains("same 1,234 hold-out rows (150 delinquent)", panel.TextContent);
        Assert.Contains("0.860", panel.QuerySelector("[data-row=version]")!.TextContent);
        Assert.Contains("Champion v1", panel.QuerySelector("[data-row=champion]")!.TextContent);
        Assert.Contains("0.792", panel.QuerySelector("[data-row=champion]")!.TextContent);
        Assert.Contains("+0.068", panel.QuerySelector("[data-row=difference]")!.TextContent);
        Assert.Contains("trained on data up to 2026-01-31", panel.TextContent);
    }

    [Fact]
    public void Render_VersionNotCompared_MarksItsFiguresAsNotComparableWithTheReason()
    {
        _h.SignInStaff("asha", AppRoles.Admin);
        var cut = _h.Render<ModelsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#models-table")));

        Assert.Empty(cut.FindAll("[data-same-rows=v3]"));
        cut.Find("[aria-label='Show metrics of v3']").Click();

        var panel = cut.Find("#champion-comparison");
        Assert.Equal("false", panel.GetAttribute("data-compared"));
        Assert.Contains("Not comparable with the champion", panel.TextContent);
        Assert.Contains("cannot score these rows", panel.TextContent);
        Assert.Empty(panel.QuerySelectorAll("[data-row=champion]"));
    }

    [Fact]
    public void ComparisonPanel_FirstVersionOfItsFamily_InformsNothingToCompareWithInsteadOfWarning()
    {
        var comparison = new ChampionComparison { Rows = 2_893, VersionAuc = 0.754, Reason = "No behavioural champion was registered when this version was trained." };

        var cut = _h.Render<ChampionComparisonPanel>(p => p.Add(c => c.Comparison, comparison).Add(c => c.VersionId, "v9"));

        var alert = cut.Find("#champion-comparison .mud-alert");
        Assert.Contains("mud-alert-text-info", alert.ClassName);
        Assert.Contains("Nothing to compare with: No behavioural champion was registered", alert.TextContent);
        Assert.DoesNotContain("Not comparable", alert.TextContent);
    }

    [Fact]
    public void Render_VersionFromBeforeComparisons_SaysItWasNotCompared()
    {
        _h.SignInStaff("asha", AppRoles.Admin);
        var cut = _h.Render<ModelsPage>();

        // The champion (v1) is selected first; it was registered without a comparison.
        cut.WaitForAssertion(() => Assert.Equal("unknown", cut.Find("#champion-comparison").GetAttribute("data-compared")));
        Assert.Contains("not comparable with another version's", cut.Find("#champion-comparison").TextContent);
    }

    [Fact]
    public async Task Analyst_SeesTheComparisonButCannotPromoteOrRetrain()
    {
        _h.SignInStaff("asha", AppRoles.Analyst);
        var cut = _h.Render<ModelsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#models-table")));

        cut.Find("[aria-label='Show metrics of v2']").Click();
        Assert.Equal("true", cut.Find("#champion-comparison").GetAttribute("data-compared"));
        Assert.True(cut.Find("button[aria-label='Promote v2']").HasAttribute("disabled"));
        Assert.NotNull(cut.Find("#retrain-readonly-note"));
        Assert.Empty(cut.FindAll("#retrain-start"));

        var analyst = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "asha"), new(System.Security.Claims.ClaimTypes.Role, AppRoles.Analyst)], "test"));
        Assert.False((await _h.Get<ModelAdminService>().PromoteAsync(analyst, "v2")).Succeeded);
        Assert.False((await _h.Get<RetrainAdminService>().RequestAsync(analyst)).Succeeded);
        Assert.Equal("v1", (await _h.Store.Models.GetChampionAsync())?.Id);
    }

    [Theory]
    [InlineData(true, "On the same 1,234 hold-out rows: this version AUC 0.860, champion v1 AUC 0.792.")]
    [InlineData(false, "Nothing to compare with: No behavioural champion was registered when this version was trained.")]
    public async Task RetrainPanel_Succeeded_SaysHowTheNewVersionComparesOnTheSameRows(bool compared, string expected)
    {
        _h.SignInStaff("asha", AppRoles.Analyst);
        var comparison = compared
            ? new ChampionComparison { Compared = true, ChampionVersion = "v1", Rows = 1234, VersionAuc = 0.86, ChampionAuc = 0.792 }
            : new ChampionComparison { Rows = 1234, VersionAuc = 0.86, Reason = "No behavioural champion was registered when this version was trained." };
        await new RetrainState
        {
            RequestId = "req",
            Status = RetrainStatus.Succeeded,
            RequestedBy = "meera",
            RequestedAt = A.Now.AddMinutes(-3),
            FinishedAt = A.Now,
            ModelVersion = "v2",
            Rows = 4000,
            Positives = 300,
            Auc = 0.86,
            Comparison = comparison,
        }.TrySaveAsync(_h.Store.Settings, 0, A.Now, CancellationToken.None);

        var cut = _h.Render<RetrainPanel>();

        Assert.Equal(expected, cut.Find("#retrain-comparison").TextContent.Trim());
    }
}
