using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// The first screens a newcomer sees: the sign-in fields are visible boxes (not labels over nothing), and an unknown
/// address gets a page that says so with a way back.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ShellBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task SignInPages_EveryField_HasASizeAndAVisibleBorder()
    {
        var page = _session.Page;
        var fields = new (string Url, string Selector)[]
        {
            ("account/signin", "#email"),
            ("account/signin", "#password"),
            ("account/phone", "#phone"),
            ("account/phone/verify?phone=%2B15550000001", "#code"),
        };

        foreach (var (url, selector) in fields)
        {
            await page.GotoAsync(url);
            var field = page.Locator(selector);
            var box = await field.BoundingBoxAsync();
            Assert.True(box is { Width: >= 150, Height: >= 30 }, $"{url} {selector}: box {box?.Width}×{box?.Height}");

            // A border (or underline) the eye can see: at least 1px wide, not transparent, not the page's own colour.
            var style = await field.EvaluateAsync<string[]>(
                "e => { const s = getComputedStyle(e); return [s.borderBottomWidth, s.borderBottomStyle, s.borderBottomColor, getComputedStyle(document.body).backgroundColor]; }");
            Assert.True(float.Parse(style[0].Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 1, $"{url} {selector}: border {style[0]}");
            Assert.NotEqual("none", style[1]);
            Assert.DoesNotContain("rgba(0, 0, 0, 0)", style[2]);
            Assert.NotEqual(style[3], style[2]);
        }

        await page.GotoAsync("account/signin");
        await _session.ScreenshotAsync("signin");
    }

    [Fact]
    public async Task UnknownAddress_FriendlyNotFoundPageWithAWayBack()
    {
        var page = _session.Page;

        var response = await page.GotoAsync("admin/no-such-page");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        await Assertions.Expect(page.GetByText("There is nothing at this address")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("a[href]", new() { HasText = "Go to the start page" })).ToBeVisibleAsync();
    }
}
