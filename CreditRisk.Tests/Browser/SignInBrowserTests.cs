using CreditRisk.Tests.Identity;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// The real thing in Debian's Chromium over Kestrel: staff sign-in sets the cookie over plain HTTP, the portfolio page
/// goes interactive (the Blazor circuit connects) and the content security policy refuses nothing the app loads.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SignInBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task SignIn_Admin_PortfolioGoesInteractiveWithoutCspViolations()
    {
        await _session.App.CreateStaffAsync("root@bank.test", "Admin");
        var page = _session.Page;
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };

        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync("");
        await page.WaitForURLAsync("**/account/signin**");
        await _session.SubmitStaffSignInAsync("root@bank.test");
        await page.WaitForURLAsync(_session.BaseAddress.ToString());

        // The layout marks itself once the circuit is up, and the dark-mode toggle then works: proof that the scripts
        // and the WebSocket were allowed. One click after that mark: repeated clicks on a slow machine could each land
        // and toggle the icon back (a full-suite CI run failed that way).
        await _session.WaitForInteractiveAsync();
        var toggle = page.Locator("button[aria-label='Toggle dark mode']");
        var iconBefore = await toggle.InnerHTMLAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).Not.ToHaveJSPropertyAsync("innerHTML", iconBefore);
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        var unexplained = problems.Where(p => !p.StartsWith("Failed to load resource", StringComparison.Ordinal)).ToList();
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
    }
}
