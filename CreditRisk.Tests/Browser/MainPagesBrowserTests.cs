using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Web.Authorization;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>Every main staff page renders in a real browser with seeded data; a screenshot of each is kept.</summary>
[Trait("Category", "Browser")]
public sealed class MainPagesBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartWithPortfolioAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Admin_OpensEveryMainPage_EachRendersItsHeading()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("pages.admin@bank.test", AppRoles.Admin);
        // Not promoted (its bytes are no model): the models page shows the newest version when there is no champion.
        await _session.App.Store.Models.AddAsync(Builders.A.ModelVersion("20261126-090000-c0de") with
        {
            Metrics = new()
            {
                [ModelNames.Logistic] = new() { ["auc"] = 0.84 },
                [ModelNames.Tree] = new() { ["auc"] = 0.82 },
                [ModelNames.Ensemble] = new() { ["auc"] = 0.87 },
                [ModelNames.Challenger] = new() { ["auc"] = 0.85 },
            },
            Curves = Builders.A.ModelCurves(),
            CurvesByModel = Builders.A.CurvesByModel(),
            Cutoffs = Builders.A.ChosenCutoffs(),
            // A budget curve shaped like a trained one: each budget lowers the cut-off, catches more and bothers more.
            BudgetCurve = [.. BudgetCurve.DefaultBudgets.Select(b => new BudgetCurvePoint
            {
                Budget = b,
                HighFrom = 0.45 / (1 + (b / 20)),
                AlertsPer1000PerMonth = b * 0.99,
                BadRowsFlaggedHigh = 1 - Math.Exp(-b / 60),
                GoodCustomersEverHigh = 1 - Math.Exp(-b / 200),
            })],
        });

        string[] pages =
        [
            "admin/portfolio", "admin/customers", $"admin/customers/{BrowserSeed.HistoryCustomerId}", "admin/models",
            "admin/rules", "admin/api-keys", "admin/outbox", "admin/audit", "admin/users",
        ];
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(page.GetByText("Something went wrong")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByText("This part of the page failed")).ToHaveCountAsync(0);
            if (path == "admin/models")
            {
                // One ROC line per model plus the random diagonal, drawn by ApexCharts itself.
                await Assertions.Expect(page.Locator("[data-testid=model-roc-chart] .apexcharts-legend-text"))
                    .ToHaveTextAsync(["Logistic (AUC 0.840)", "Tree (AUC 0.820)", "Challenger (AUC 0.850)", "Ensemble (AUC 0.870)", "Random"]);
                await Assertions.Expect(page.Locator("[data-testid=model-calibration-chart] .apexcharts-legend-text")).ToHaveCountAsync(5);
                await Assertions.Expect(page.Locator("[data-testid=budget-curve-chart] .apexcharts-legend-text"))
                    .ToHaveTextAsync(["Bad rows flagged High", "Good customers ever High"]);
                await Assertions.Expect(page.Locator("#cutoffs-in-force")).ToContainTextAsync("legacy defaults: no champion model is registered");
            }

            await _session.ScreenshotAsync("admin-" + path.Replace("admin/", "").Replace('/', '-'));
        }
    }
}
