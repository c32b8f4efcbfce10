using System.Text.RegularExpressions;
using CreditRisk.Web.Authorization;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>An analyst's grid habits: a new filter starts at its first page, and a search finds a customer by name or id.</summary>
[Trait("Category", "Browser")]
public sealed class RiskGridBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartWithPortfolioAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Grid_PageTwoThenBandChange_BackToPageOne_AndSearchFindsByNameAndId()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("grid.analyst@bank.test", AppRoles.Analyst);
        await page.GotoAsync("admin/customers");
        await _session.WaitForInteractiveAsync();
        var grid = page.GetByTestId("risk-grid");
        await Assertions.Expect(grid).ToContainTextAsync("1-18 of 18");

        // A 1280 px laptop shows all nine columns, the Send button whole, and the main reason gets room for a line of
        // words (it wrapped to five lines when every column had MudBlazor's padding and a column-menu icon).
        await page.SetViewportSizeAsync(1280, 900);
        var firstRow = grid.Locator("tbody tr").First;
        var send = (await firstRow.GetByTestId("send-alert").BoundingBoxAsync())!;
        Assert.True(send.X + send.Width <= 1280, $"The Send button ends at {send.X + send.Width:0} px, past the 1280 px window.");
        var reason = (await firstRow.Locator("td.risk-grid-reason").BoundingBoxAsync())!;
        Assert.True(reason.Width >= 14 * 16, $"The main reason is {reason.Width:0} px wide.");

        // Every band: 60 customers, so a second page of 25; then back to High, which must open at its first page.
        await ChooseBandAsync("Any band");
        await Assertions.Expect(grid).ToContainTextAsync("1-25 of 60");
        await grid.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(grid).ToContainTextAsync("26-50 of 60");
        await ChooseBandAsync("High");
        await Assertions.Expect(grid).ToContainTextAsync("1-18 of 18");

        // By name (any case), then by id; the High filter still applies (the other Vikram Raos are Medium or Low).
        await page.Locator("#risk-grid-search").FillAsync("vikram");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(grid).ToContainTextAsync(BrowserSeed.HistoryCustomerId);
        await Assertions.Expect(grid.GetByTestId("days-past-due")).ToHaveCountAsync(1);
        await page.Locator("#risk-grid-search").FillAsync("c-1001");
        await Assertions.Expect(grid).ToContainTextAsync(BrowserSeed.SendableCustomerId);
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#risk-grid-export")).ToHaveAttributeAsync("href", new Regex(@"export\.csv\?band=High&q=c-1001"));

        // The export follows the grid's order: sorting the scores lowest first changes the link (it kept the first order).
        await page.Locator("#risk-grid-search").FillAsync("");
        await Assertions.Expect(grid).ToContainTextAsync("1-18 of 18");
        await grid.Locator("thead th", new LocatorLocatorOptions { HasText = "Score" }).Locator(".sortable-column-header, .column-header").First.ClickAsync();
        await Assertions.Expect(page.Locator("#risk-grid-export")).ToHaveAttributeAsync("href", new Regex(@"sort=Score"));

        // Scores read in percent, as on the charts, and the minimum is typed in percent too; the query keeps 0–1.
        await Assertions.Expect(grid.Locator("tbody tr td").Nth(2)).ToHaveTextAsync(new Regex(@"^\d{1,3}(\.\d)?%$"));
        await page.Locator("#risk-grid-min-score").FillAsync("95");
        await page.Locator("#risk-grid-min-score").PressAsync("Tab");
        await Assertions.Expect(page.Locator("#risk-grid-export")).ToHaveAttributeAsync("href", new Regex(@"minScore=0\.95(&|$)"));

        // Out of range is refused in words and changes nothing; the field used to turn 150 into 100 without a word.
        await page.Locator("#risk-grid-min-score").FillAsync("150");
        await page.Locator("#risk-grid-min-score").PressAsync("Tab");
        await Assertions.Expect(page.GetByText("Enter a score from 0 to 100.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#risk-grid-min-score")).ToHaveValueAsync("150");
        await Assertions.Expect(page.Locator("#risk-grid-export")).ToHaveAttributeAsync("href", new Regex(@"minScore=0\.95(&|$)"));

        // A second bad value in a row still says so (it used to show no message the second time).
        await page.Locator("#risk-grid-min-score").FillAsync("-5");
        await page.Locator("#risk-grid-min-score").PressAsync("Tab");
        await Assertions.Expect(page.Locator("#risk-grid-min-score")).ToHaveValueAsync("-5");
        await Assertions.Expect(page.GetByText("Enter a score from 0 to 100.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#risk-grid-export")).ToHaveAttributeAsync("href", new Regex(@"minScore=0\.95(&|$)"));
        await page.Locator("#risk-grid-min-score").FillAsync("90");
        await page.Locator("#risk-grid-min-score").PressAsync("Tab");
        await Assertions.Expect(page.GetByText("Enter a score from 0 to 100.")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#risk-grid-export")).ToHaveAttributeAsync("href", new Regex(@"minScore=0\.9(&|$)"));
    }

    [Fact]
    public async Task Phone_Grid_StaysATableOfWhoWhyAndAct()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("grid.phone@bank.test", AppRoles.Analyst);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("admin/customers");
        await _session.WaitForInteractiveAsync();
        var grid = page.GetByTestId("risk-grid");
        await Assertions.Expect(grid).ToContainTextAsync("1-18 of 18");

        // Band and score read under the name; the Score column and the long button label give way.
        var firstRow = grid.Locator("tbody tr").First;
        await Assertions.Expect(firstRow.GetByTestId("phone-risk")).ToContainTextAsync(new Regex(@"High\s*\d{1,3}(\.\d)?%"));
        await Assertions.Expect(grid.Locator("thead th", new LocatorLocatorOptions { HasText = "Score" })).ToBeHiddenAsync();
        await Assertions.Expect(firstRow.GetByTestId("send-alert")).ToHaveTextAsync(new Regex(@"^\s*(Send|SEND)\s*$"), new LocatorAssertionsToHaveTextOptions { UseInnerText = true });

        // Rows of a few lines, not nine stacked labels (each was about 390 px), and nothing past the screen's edge.
        var heights = await grid.Locator("tbody tr").EvaluateAllAsync<double[]>("rows => rows.map(r => r.getBoundingClientRect().height)");
        Assert.Equal(18, heights.Length);
        Assert.All(heights, h => Assert.InRange(h, 1, 200));
        var send = (await firstRow.GetByTestId("send-alert").BoundingBoxAsync())!;
        Assert.True(send.X + send.Width <= 390, $"The Send button ends at {send.X + send.Width:0} px, past the phone's 390 px.");
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"The page is {pageWidth} px wide on a 390 px phone.");

        // Customer is the one sortable header here; its third tap goes back to risk order (it used to toggle for ever).
        var highest = await firstRow.Locator("td").First.Locator("a").TextContentAsync();
        var customerHeader = grid.Locator("thead th", new LocatorLocatorOptions { HasText = "Customer" }).Locator(".sortable-column-header, .column-header").First;
        await customerHeader.ClickAsync();
        await Assertions.Expect(page.Locator("#risk-grid-export")).ToHaveAttributeAsync("href", new Regex(@"sort=CustomerId&desc=false$"));
        await customerHeader.ClickAsync();
        await Assertions.Expect(page.Locator("#risk-grid-export")).ToHaveAttributeAsync("href", new Regex(@"sort=CustomerId$"));
        await customerHeader.ClickAsync();
        await Assertions.Expect(page.Locator("#risk-grid-export")).Not.ToHaveAttributeAsync("href", new Regex(@"sort="));
        await Assertions.Expect(firstRow.Locator("td").First.Locator("a")).ToHaveTextAsync(highest!);
        await _session.ScreenshotAsync("grid-phone");
    }

    private async Task ChooseBandAsync(string option)
    {
        var page = _session.Page;
        await page.Locator(".mud-select", new PageLocatorOptions { HasText = "Band" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
