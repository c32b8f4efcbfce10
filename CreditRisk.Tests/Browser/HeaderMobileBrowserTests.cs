using CreditRisk.Web.Authorization;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// The app bar fits a phone: at 390×844 the sign-out control was cut off at the right edge ("SIGN OUT" clipped). It
/// must sit wholly inside the viewport and sign out; a desktop keeps the signed-in name and the worded button.
/// </summary>
[Trait("Category", "Browser")]
public sealed class HeaderMobileBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Phone_SignOutControl_WhollyInsideTheViewportAndSignsOut()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("a.rather.long.analyst.name@bank.test", AppRoles.Analyst);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("admin/customers");
        await _session.WaitForInteractiveAsync();

        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        var box = await signOut.BoundingBoxAsync();
        await _session.ScreenshotAsync("header-phone");
        Assert.True(box is { X: >= 0, Width: > 0 } && box.X + box.Width <= 390, $"sign out spans {box?.X}–{box?.X + box?.Width}px of 390");
        Assert.True(box!.Y >= 0 && box.Y + box.Height <= 844, $"sign out spans {box.Y}–{box.Y + box.Height}px vertically");
        // Nothing in the bar spills past the screen's edge either (the bar would scroll sideways).
        var barWidth = await page.EvaluateAsync<int>("document.querySelector('header.mud-appbar').scrollWidth");
        Assert.True(barWidth <= 390, $"the app bar is {barWidth}px wide at 390px");

        await signOut.ClickAsync();

        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveCountAsync(0);
        await page.GotoAsync("admin/customers");
        await page.WaitForURLAsync("**/account/signin**");
    }

    [Fact]
    public async Task Desktop_Header_ShowsTheNameAndTheWordedSignOutButton()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("desktop.analyst@bank.test", AppRoles.Analyst);
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync("admin/customers");
        await _session.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("#signed-in-as")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("desktop.analyst@bank.test");
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        await Assertions.Expect(signOut).ToHaveTextAsync("Sign out", new() { IgnoreCase = true });
        await _session.ScreenshotAsync("header-desktop");
    }
}
