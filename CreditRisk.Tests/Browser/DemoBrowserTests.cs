using System.Text.RegularExpressions;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Demo;
using CreditRisk.Core.Portfolio;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// The first-run demo (small, to stay quick) in a real browser: it has a past — a High-risk trend that moves, a
/// funnel with sent, delivered and read alerts. The same session takes the screenshots in docs/ui.md
/// (docs/img/*.png, desktop 1440×900 and phone 390×844).
/// </summary>
[Trait("Category", "Browser")]
public sealed class DemoBrowserTests : IAsyncLifetime
{
    private static readonly string DocsImages = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "docs", "img");

    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync(new Dictionary<string, string?>
    {
        ["Demo:SeedOnFirstRun"] = "true",
        ["Demo:Customers"] = "300",
    });

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Demo_Seeded_PortfolioShowsATrendAndAFunnel_ScreenshotsForTheDocs()
    {
        var seeder = _session.App.Services.GetRequiredService<DemoPortfolioSeeder>();
        for (var waited = 0; seeder.Result is null; waited++)
        {
            Assert.True(waited < 600, "The demo did not finish seeding within 3 minutes.");
            await Task.Delay(300);
        }

        var snapshot = await _session.App.Services.GetRequiredService<PortfolioSnapshotService>().RefreshAsync();
        Assert.True(snapshot.HighRiskTrend.Select(p => p.Count).Distinct().Count() > 1, "the 30-day High trend is flat");
        Assert.True(snapshot.Alerts.ReachedRead > 0, "no alert was read");
        Assert.True(snapshot.Alerts.ReachedDelivered > snapshot.Alerts.ReachedRead);

        var page = _session.Page;
        await _session.SignInStaffAsync("demo.admin@bank.test", AppRoles.Admin);
        await page.GotoAsync("admin/portfolio");
        await Assertions.Expect(page.GetByTestId("chart-funnel")).ToHaveAttributeAsync("aria-label", new Regex(@"^Alerts sent [1-9][\d,]*, delivered [1-9][\d,]*, read [1-9]"));
        await Assertions.Expect(page.GetByTestId("chart-trend")).ToHaveAttributeAsync("aria-label", new Regex("went from"));
        await Assertions.Expect(page.Locator("[data-testid=chart-trend] svg").First).ToBeVisibleAsync();

        var sent = (await _session.App.Store.Alerts.CountByStatusAsync()).Where(s => s.Key is AlertStatus.Sent or AlertStatus.Delivered or AlertStatus.Read).Sum(s => s.Value);
        Assert.True(sent > 0);

        var customer = (await _session.App.Store.Assessments.QueryCurrentPageAsync(new() { Band = Core.Risk.RiskBand.High, Take = 1 })).Items[0].CustomerId;
        // Charts drawn at once for the screenshots: a reduced-motion preference turns ApexCharts' animations off.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ReducedMotion = ReducedMotion.Reduce });
        string[] staffPages = ["admin/portfolio", "admin/customers", $"admin/customers/{customer}"];
        foreach (var (width, height, suffix) in new[] { (1440, 900, "desktop"), (390, 844, "mobile") })
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var path in staffPages)
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (path == "admin/portfolio")
                {
                    await Assertions.Expect(page.GetByTestId("chart-bands")).ToHaveAttributeAsync("data-animations", "off");
                    if (width < 600)
                    {
                        // A phone writes a few of the histogram's twenty bin labels, level, instead of all of them at 45°.
                        var labels = page.Locator("[data-testid=chart-histogram] .apexcharts-xaxis-label");
                        await Assertions.Expect(labels).ToHaveCountAsync(20);
                        var written = (await labels.AllTextContentsAsync()).Count(text => text.Trim().Length > 0);
                        Assert.InRange(written, 2, 6);
                        foreach (var label in await labels.AllAsync())
                        {
                            Assert.DoesNotContain("rotate", await label.GetAttributeAsync("transform") ?? string.Empty, StringComparison.Ordinal);
                        }
                    }
                }

                await SaveAsync(path == "admin/portfolio" ? "portfolio" : path == "admin/customers" ? "grid" : "drill-down", suffix);
            }
        }

        // The same High customer, signed in by phone like anyone else.
        var phone = (await _session.App.Store.Customers.GetAsync(customer))!.Phone;
        await page.Context.ClearCookiesAsync();
        await _session.SignInCustomerAsync(phone);
        foreach (var (width, height, suffix) in new[] { (1440, 900, "desktop"), (390, 844, "mobile") })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("me");
            await Assertions.Expect(page.Locator("#me-band")).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await SaveAsync("customer", suffix);
        }
    }

    private async Task SaveAsync(string name, string suffix)
    {
        Directory.CreateDirectory(DocsImages);
        await _session.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await _session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DocsImages, $"{name}-{suffix}.png") });
        await _session.ScreenshotAsync($"demo-{name}-{suffix}");
    }
}
