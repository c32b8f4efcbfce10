using CreditRisk.Web.Authorization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// The customer drill-down on a phone (390×844) stays a page one can scroll through — not every transaction, feature
/// and statement stacked as cards (it was over 10,000 px) — and the transaction list still reaches the oldest ones.
/// On a desktop the lists keep their columns.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DrillDownMobileBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartWithPortfolioAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Phone_DrillDown_IsShortAndStillReachesOlderTransactions()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("mobile.analyst@bank.test", AppRoles.Analyst);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"admin/customers/{BrowserSeed.HistoryCustomerId}");
        await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await _session.WaitForInteractiveAsync();
        var pager = page.Locator("#transactions-grid p.mud-table-pagination-caption[translate=no]");
        await Assertions.Expect(pager).ToHaveTextAsync("1-10 of 90");

        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        var sections = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('h2')].map(h => h.textContent + ': ' + Math.round(h.closest('.mud-paper')?.getBoundingClientRect().height ?? 0))");
        output.WriteLine($"page {height}px at 390×844; {string.Join("; ", sections)}");
        await _session.ScreenshotAsync("drill-down-mobile-capped");
        Assert.InRange(height, 844, 4_000);
        // Statements stay rows (the due date under the statement date, minimum and paid under the balance) rather than
        // stacking six labelled lines each; a rule hit's reason is not repeated under the Reasons that already list it.
        var statementRows = await page.EvaluateAsync<double[]>(
            "[...document.querySelectorAll('#statements-table tbody tr')].filter(r => r.offsetParent).map(r => r.getBoundingClientRect().height)");
        Assert.All(statementRows, h => Assert.InRange(h, 1, 100));
        await Assertions.Expect(page.Locator("#statements-table tbody tr").First).ToContainTextAsync("due ");
        await Assertions.Expect(page.Locator("#rule-hits li").First.Locator("span.d-sm-inline")).ToBeHiddenAsync();
        // The merchant columns give way on a phone; when and how much stay, within the screen's width.
        await Assertions.Expect(page.Locator("#transactions-grid th", new() { HasText = "MCC" })).ToBeHiddenAsync();
        var amount = page.Locator("#transactions-grid th", new() { HasText = "Amount" });
        await Assertions.Expect(amount).ToBeVisibleAsync();
        var box = await amount.BoundingBoxAsync();
        Assert.True(box!.X + box.Width <= 390, $"the Amount column ends at {box.X + box.Width}px, past the phone's 390px");

        // Older transactions: the next page, then the last one, which holds the oldest.
        var transactions = await _session.App.Store.Transactions.ListRecentForCustomerAsync(BrowserSeed.HistoryCustomerId, 0, 1_000);
        await page.GetByLabel("Next page").ClickAsync();
        await Assertions.Expect(pager).ToHaveTextAsync("11-20 of 90");
        await Assertions.Expect(page.Locator("#transactions-grid tbody")).ToContainTextAsync(When(transactions[10].Timestamp));
        await page.GetByLabel("Last page").ClickAsync();
        await Assertions.Expect(pager).ToHaveTextAsync("81-90 of 90");
        await Assertions.Expect(page.Locator("#transactions-grid tbody tr").Last).ToContainTextAsync(When(transactions[^1].Timestamp));

        // Capped lists open on request.
        var statements = page.Locator("#statements-table tbody tr:visible");
        await Assertions.Expect(statements).ToHaveCountAsync(2);
        await page.ClickAsync("[data-phone-show-all=statements]");
        await Assertions.Expect(statements).ToHaveCountAsync(6);
        var widths = await page.EvaluateAsync<int[]>(
            "(() => { const c = document.querySelector('#statements-table .mud-table-container'); return [c.scrollWidth, c.clientWidth]; })()");
        var (tableWidth, boxWidth) = (widths[0], widths[1]);
        Assert.True(tableWidth <= boxWidth, $"the statements table is {tableWidth}px wide in a {boxWidth}px card: its last column is cut off");
        var features = page.Locator("#feature-table tbody tr");
        var visibleBefore = await page.Locator("#feature-table tbody tr:visible").CountAsync();
        Assert.InRange(visibleBefore, 1, await features.CountAsync() - 1);
        await page.ClickAsync("[data-phone-show-all=features]");
        await Assertions.Expect(page.Locator("#feature-table tbody tr:visible")).ToHaveCountAsync(await features.CountAsync());
    }

    [Fact]
    public async Task Desktop_DrillDown_ShowsEveryColumnAndEveryStatement()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("desktop.analyst@bank.test", AppRoles.Analyst);
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync($"admin/customers/{BrowserSeed.HistoryCustomerId}");
        await Assertions.Expect(page.Locator("#transactions-grid p.mud-table-pagination-caption[translate=no]")).ToHaveTextAsync("1-10 of 90");

        foreach (var column in new[] { "When (UTC)", "Type", "Amount", "MCC", "Merchant", "Channel" })
        {
            await Assertions.Expect(page.Locator("#transactions-grid th", new() { HasText = column })).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator("#statements-table tbody tr:visible")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-phone-show-all]:visible")).ToHaveCountAsync(0);
        var features = await page.Locator("#feature-table tbody tr").CountAsync();
        await Assertions.Expect(page.Locator("#feature-table tbody tr:visible")).ToHaveCountAsync(features);
    }

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
