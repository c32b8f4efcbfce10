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
            await _session.ScreenshotAsync("admin-" + path.Replace("admin/", "").Replace('/', '-'));
        }
    }
}
