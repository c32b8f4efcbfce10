using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// A card customer in a real browser: registers with the WhatsApp code, lands on their own dashboard (a missed payment
/// first), and is refused
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

        // The last statement's minimum was not paid and its due date has passed: the page must lead with that.
        var customer = await _session.App.Store.Customers.FindByPhoneAsync(PhoneA);
        var latest = (await _session.App.Store.Statements.ListForCustomerAsync(customer!.Id, 1))[0];
        await _session.App.Store.Statements.UpsertManyAsync([latest with { AmountPaid = 0m, PaidOn = null }]);

        await _session.SignInCustomerAsync(PhoneA);
        await Assertions.Expect(page.Locator("#me-overdue")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#me-overdue-title")).ToContainTextAsync("late");
        await Assertions.Expect(page.Locator("#me-overdue-amount")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$[0-9,]+\.\d\d$"));
        await Assertions.Expect(page.Locator("#me-band")).ToBeVisibleAsync();
        // The live dashboard may re-render between the checks; measure once both cards are laid out.
        Assert.True(await TopOfAsync(page, "#me-overdue") < await TopOfAsync(page, "#me-band"), "the overdue card comes before the account health card");

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

    private static async Task<float> TopOfAsync(IPage page, string selector)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await page.Locator(selector).BoundingBoxAsync() is { } box)
            {
                return box.Y;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"{selector} was never laid out.");
    }
}
