using CreditRisk.Core.Identity;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>The API keys page on a phone: a long key name wraps, its stacked "Name" label does not.</summary>
[Trait("Category", "Browser")]
public sealed class ApiKeysBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Phone_LongKeyName_WrapsBesideAWholeNameLabel()
    {
        var page = _session.Page;
        using (var scope = _session.App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(new string('k', ApiKeyService.MaxNameLength), "setup");
        }

        await _session.SignInStaffAsync("keys.phone@bank.test", AppRoles.Admin);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("admin/api-keys");
        await _session.WaitForInteractiveAsync();
        var cell = page.Locator("#apikeys-table td[data-label=Name]").First;
        await Assertions.Expect(cell).ToContainTextAsync("kkkk");

        // The label is the cell's ::before; letter by letter it was one character wide and four lines tall.
        var label = await cell.EvaluateAsync<double[]>(
            "td => { const s = getComputedStyle(td, '::before'); return [parseFloat(s.width), parseFloat(s.height), parseFloat(s.lineHeight) || 24]; }");
        Assert.True(label[1] < 2 * label[2], $"The Name label is {label[1]:0} px tall ({label[0]:0} px wide): it wraps.");
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"The page is {pageWidth} px wide on a 390 px phone.");
        await _session.ScreenshotAsync("api-keys-phone");
    }
}
