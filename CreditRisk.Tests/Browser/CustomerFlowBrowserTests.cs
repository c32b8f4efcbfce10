using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// A card customer in a real browser: registers with the WhatsApp code, lands on their own dashboard, and is refused
/// the staff page about another customer.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CustomerFlowBrowserTests : IAsyncLifetime
{
    // BrowserSeed's customer with a card history, and another one.
    private const string PhoneA = "+919810001004";
    private const string NameA = "Vikram Rao";
    private const string CustomerB = "c-1003";
    private const string NameB = "Priya Nair";

    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartWithPortfolioAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Customer_RegistersWithCode_SeesOwnDashboardAndIsRefusedAnotherCustomersPage()
    {
        var page = _session.Page;
        // Phone-sized: customers use phones.
        await page.SetViewportSizeAsync(390, 844);

        await _session.SignInCustomerAsync(PhoneA);

        await Assertions.Expect(page.Locator("#me-name")).ToContainTextAsync(NameA);
        await Assertions.Expect(page.GetByText(NameB)).ToHaveCountAsync(0);

        // The utilisation gauge and the spend chart, drawn once the circuit is up.
        await Assertions.Expect(page.Locator("svg.apexcharts-svg")).ToHaveCountAsync(2);
        await _session.ScreenshotAsync("customer-dashboard");

        await page.GotoAsync($"admin/customers/{CustomerB}");
        await Assertions.Expect(page.GetByText("access", new PageGetByTextOptions { Exact = false }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(NameB)).ToHaveCountAsync(0);
        await _session.ScreenshotAsync("customer-refused-other-customer");
    }
}
