using CreditRisk.Core.Rules;
using CreditRisk.Core.Simulation;
using CreditRisk.Tests.Jobs;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// Real browser: an admin changes a threshold on the Rules page without saving it and backtests it; the job runs in the
/// app's own Hangfire over a small simulated year that ends today, and the page shows now versus proposed. Runs alone:
/// the job goes through Hangfire (see <see cref="HangfireGlobalsCollection"/>).
/// </summary>
[Trait("Category", "Browser")]
[Collection(HangfireGlobalsCollection.Name)]
public sealed class RulesWhatIfBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync()
    {
        _session = await BrowserSession.StartAsync(new Dictionary<string, string?> { ["RulesWhatIf:StepDays"] = "14" });
        var app = _session.App;
        var simulated = new PortfolioSimulator(app.Clock).Generate(new SimulationOptions
        {
            Customers = 30, Months = 12, Seed = 21, EndDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime),
        }).ToList();
        await app.Store.Customers.UpsertManyAsync(simulated.ConvertAll(c => c.Customer));
        await app.Store.Transactions.InsertNewAsync([.. simulated.SelectMany(c => c.Transactions)]);
        await app.Store.Statements.UpsertManyAsync([.. simulated.SelectMany(c => c.Statements)]);
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Admin_BacktestsAnUnsavedThreshold_SeesNowVersusProposedAndNothingIsSaved()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("whatif.admin@bank.test", AppRoles.Admin);
        await page.GotoAsync("admin/rules");
        await Assertions.Expect(page.Locator("#whatif-start")).ToBeVisibleAsync();
        await _session.WaitForInteractiveAsync();

        await page.FillAsync("#rule-utilisation", "97");
        await page.PressAsync("#rule-utilisation", "Tab");
        await page.ClickAsync("#whatif-start");

        var status = page.Locator("#whatif-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("#whatif-changes")).ToContainTextAsync("High utilisation, Utilisation above (%): 90% → 97%");
        var table = page.Locator("#whatif-result");
        await Assertions.Expect(table).ToContainTextAsync("High alerts per 1,000 customers per month");
        await Assertions.Expect(table).ToContainTextAsync("Delinquent customers flagged High at least 30 days ahead");
        await Assertions.Expect(table).ToContainTextAsync("Never-delinquent customers ever flagged Medium or High");
        await Assertions.Expect(page.Locator("[data-measure='flagged-today-high'] [data-column='now']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ \(\d+\.\d%\)$"));
        await Assertions.Expect(page.Locator("#whatif-sample")).ToContainTextAsync("all 30 stored customers");

        var rules = await _session.App.Services.GetRequiredService<RuleSettingsService>().GetAsync();
        Assert.Equal((0L, RuleSettings.DefaultUtilisationHighPct), (rules.Version, rules.Settings.UtilisationHighPct));
        await _session.ScreenshotAsync("admin-rules-what-if");

        // A phone: the rule cards, settings and the result table stay inside the screen.
        await page.SetViewportSizeAsync(390, 844);
        await _session.ScreenshotAsync("admin-rules-what-if-mobile");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
    }
}
