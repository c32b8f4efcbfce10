using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Messaging.Webhooks;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Messaging;
using CreditRisk.Web.Authorization;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// Real browser, real HTTP: an admin sees the portfolio charts, opens the high-risk grid, sends a WhatsApp alert with
/// the keyboard alone and watches its status change when WhatsApp's signed status webhook arrives.
/// </summary>
[Trait("Category", "Browser")]
public sealed class AdminAlertFlowTests : IAsyncLifetime
{
    private const string AdminEmail = "risk.admin@bank.test";

    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartWithPortfolioAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Admin_SendsAlertFromGrid_SeesChartsAndLiveStatusFromWebhook()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync(AdminEmail, AppRoles.Admin);

        await page.GotoAsync("admin/portfolio");
        await Assertions.Expect(page.Locator("[data-testid=chart-bands] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=chart-trend] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("chart-bands")).Not.ToHaveAttributeAsync("data-animations", "off"); // no motion preference: animated
        await Assertions.Expect(page.Locator("[data-testid=migration-matrix]")).ToBeVisibleAsync();
        await _session.ScreenshotAsync("admin-portfolio");

        await page.GotoAsync("admin/customers");
        var row = page.Locator("tr", new PageLocatorOptions { HasText = BrowserSeed.SendableCustomerId });
        await Assertions.Expect(row).ToBeVisibleAsync();
        var unavailable = page.Locator("tr", new PageLocatorOptions { HasText = BrowserSeed.NoOptInCustomerId }).GetByTestId("send-alert");
        await Assertions.Expect(unavailable).ToBeDisabledAsync();
        // Not focusable, so the reason is what a screen reader announces with it (and visible text for everyone).
        await Assertions.Expect(unavailable).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("opt-in", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await _session.ScreenshotAsync("admin-high-risk-grid");

        // Keyboard only: Tab through the page until the row's button has focus, Enter opens the confirmation with
        // focus inside it, Enter sends.
        var button = row.GetByTestId("send-alert");
        await Assertions.Expect(button).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex(
            $@"^Send WhatsApp Alert to .+ \({System.Text.RegularExpressions.Regex.Escape(BrowserSeed.SendableCustomerId)}\)$"));
        await page.Locator("body").FocusAsync();
        var presses = 0;
        while (!await button.EvaluateAsync<bool>("b => b === document.activeElement"))
        {
            Assert.True(++presses < 300, "Tab never reached the row's Send WhatsApp Alert button.");
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Send a WhatsApp alert to");
        // The message box focuses its confirming button; Shift+Tab reaches Cancel inside the dialog, Tab comes back.
        var send = dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Send", Exact = true });
        await Assertions.Expect(send).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Cancel", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(send).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("Sent");

        var alert = (await _session.App.Store.Alerts.ListForCustomerAsync(BrowserSeed.SendableCustomerId, 1)).Single();
        Assert.Equal(AdminEmail, alert.TriggeredBy);
        using var http = _session.CreateHttpClient();
        var response = await FakeWhatsAppCloudApi.PostWebhookAsync(http, FakeWhatsAppCloudApi.Payload(new WebhookValue(
            "whatsapp",
            new WebhookMetadata("15550100000", FakeWhatsAppCloudApi.PhoneNumberId),
            [new WebhookStatus(alert.ProviderMessageId!, "read", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "919812345678", null, null)],
            null)));
        response.EnsureSuccessStatusCode();

        // No reload: the webhook's status change is an alert event the grid follows.
        await Assertions.Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("Read", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await _session.ScreenshotAsync("admin-high-risk-grid-alert-read");
    }
}
