using System.Net;
using System.Net.Sockets;
using CreditRisk.Core.Portfolio;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Identity;
using CreditRisk.Tests.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// The web app on a real loopback port (Kestrel) plus Debian's Chromium driven by Playwright. Playwright's own browser
/// download does not work here, so a missing /usr/bin/chromium fails the test (CI installs it; see .ci/run).
/// Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_chromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly CancellationTokenSource _stopClock = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private BrowserSession(CreditRiskWebFactory app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public CreditRiskWebFactory App { get; }

    public Uri BaseAddress { get; }

    public IPage Page { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots");

    /// <param name="settings">Extra configuration for the app, applied after the session's own.</param>
    public static async Task<BrowserSession> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}: apt-get install -y chromium");
        var port = FreeLoopbackPort();
        var app = new CreditRiskWebFactory
        {
            Settings =
            {
                ["WhatsApp:AppSecret"] = FakeWhatsAppCloudApi.AppSecret,
                ["WhatsApp:VerifyToken"] = FakeWhatsAppCloudApi.VerifyToken,

                // Equal start and end: no quiet hours, so a manual alert goes out whatever the time of the CI run.
                ["Alerts:QuietHoursStart"] = "00:00",
                ["Alerts:QuietHoursEnd"] = "00:00",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }

        app.UseKestrel(port);
        app.StartServer();
        var session = new BrowserSession(app, new Uri($"http://127.0.0.1:{port}/"));
        _ = session.RunClockAsync();
        // Shared 2-core CI machines: first renders (circuit start, chart library load) can take seconds.
        Assertions.SetDefaultExpectTimeout(20_000);
        session._playwright = await Playwright.CreateAsync();
        session._browser = await session._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = s_chromiumArgs,
        });
        session.Page = await session._browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = session.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        return session;
    }

    /// <summary>A started session over <see cref="BrowserSeed"/>'s portfolio, its snapshot already computed for the charts.</summary>
    public static async Task<BrowserSession> StartWithPortfolioAsync()
    {
        var session = await StartAsync();
        await BrowserSeed.PortfolioAsync(session.App);
        await session.App.Services.GetRequiredService<PortfolioSnapshotService>().RefreshAsync();
        return session;
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);

        // Full-page captures are taken from the current scroll position; from the top the fixed app bar stays on top.
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// The factory's fake clock, moved forward with real time: the UI's timers (live-grid throttle, alert polling) run
    /// on the injected TimeProvider and would otherwise never fire in a browser test.
    /// </summary>
    private async Task RunClockAsync()
    {
        var last = DateTimeOffset.UtcNow;
        try
        {
            while (!_stopClock.IsCancellationRequested)
            {
                await Task.Delay(100, _stopClock.Token);
                var now = DateTimeOffset.UtcNow;
                App.Clock.Advance(now - last);
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Creates a staff account and signs in through the real sign-in form, as a person would.</summary>
    /// <summary>Waits until the page's circuit is up (the layout marks it): clicks before then are lost.</summary>
    public Task WaitForInteractiveAsync() => Assertions.Expect(Page.Locator("[data-interactive=true]")).ToBeAttachedAsync();

    public async Task SignInStaffAsync(string email, string role)
    {
        await App.CreateStaffAsync(email, role);
        await Page.GotoAsync("account/signin");
        await SubmitStaffSignInAsync(email);
    }

    /// <summary>Fills in and submits the sign-in form already on the page, then waits until the app shows who signed in.</summary>
    public async Task SubmitStaffSignInAsync(string email, IPage? page = null)
    {
        page ??= Page;
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", SignedInClients.StaffPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(email);
    }

    /// <summary>
    /// A second person at another browser: a new context (its own cookies, so its own sign-in and circuit) with a
    /// staff account signed in through the form.
    /// </summary>
    public async Task<IPage> NewStaffPageAsync(string email, string role)
    {
        await App.CreateStaffAsync(email, role);
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/signin");
        await SubmitStaffSignInAsync(email, page);
        return page;
    }

    /// <summary>
    /// Registers (or signs in) a customer by phone: asks for a code, reads it from the development outbox (where
    /// WhatsApp messages go when no access token is configured) and types it in, as the customer would from WhatsApp.
    /// </summary>
    public async Task SignInCustomerAsync(string phone)
    {
        await Page.GotoAsync("account/phone");
        await Page.FillAsync("#phone", phone);
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForURLAsync("**/account/phone/verify**");
        await Page.FillAsync("#code", await App.LatestCodeAsync(phone));
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForURLAsync("**/me");
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _stopClock.CancelAsync();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
