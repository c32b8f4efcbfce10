using CreditRisk.Tests.Api;
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
    private readonly CreditRiskWebFactory _app = new();
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        _app.UseKestrel(0);
        _app.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    [SkippableFact]
    public async Task SignIn_Admin_PortfolioGoesInteractiveWithoutCspViolations()
    {
        Skip.If(_browser is null, "Chromium is not installed at " + Chromium);
        await _app.CreateStaffAsync("root@bank.test", "Admin");
        var baseUrl = _app.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var page = await _browser!.NewPageAsync();
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

        await page.GotoAsync(baseUrl + "/");
        await page.WaitForURLAsync("**/account/signin**");
        await page.FillAsync("#email", "root@bank.test");
        await page.FillAsync("#password", SignedInClients.StaffPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/");

        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("root@bank.test");

        // The dark-mode toggle only works once the circuit is up: proof that the scripts and the WebSocket were allowed.
        // Clicks before then do nothing, so keep clicking until one lands.
        var toggle = page.Locator("button[aria-label='Toggle dark mode']");
        var iconBefore = await toggle.InnerHTMLAsync();
        for (var attempt = 0; attempt < 50 && await toggle.InnerHTMLAsync() == iconBefore; attempt++)
        {
            await toggle.ClickAsync();
            await page.WaitForTimeoutAsync(200);
        }

        Assert.NotEqual(iconBefore, await toggle.InnerHTMLAsync());
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        var unexplained = problems.Where(p => !p.StartsWith("Failed to load resource", StringComparison.Ordinal)).ToList();
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
    }
}
