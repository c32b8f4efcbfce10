using System.Globalization;
using CreditRisk.Web.Authorization;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// A send during the customer's night (quiet hours in their own time zone): the confirmation says when it will go
/// and why, and the grid row and the development Outbox show the scheduled message at once.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ScheduledSendBrowserTests : IAsyncLifetime
{
    private const string CustomerZone = "Asia/Kolkata";

    private BrowserSession _session = null!;
    private string _quietEnd = "";

    public async Task InitializeAsync()
    {
        // Quiet hours around the customer's current local time, whatever the time of the run: an hour ago to two hours on.
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(CustomerZone));
        _quietEnd = local.AddHours(2).ToString("HH:mm", CultureInfo.InvariantCulture);
        _session = await BrowserSession.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:TimeZone"] = "UTC",
            ["Alerts:QuietHoursStart"] = local.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Alerts:QuietHoursEnd"] = _quietEnd,
        });
        await BrowserSeed.PortfolioAsync(_session.App);
        var customer = (await _session.App.Store.Customers.GetAsync(BrowserSeed.SendableCustomerId))!;
        await _session.App.Store.Customers.UpsertManyAsync([customer with { TimeZone = CustomerZone }]);
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task SendFromGrid_CustomersQuietHours_ConfirmationRowAndOutboxShowTheScheduledTime()
    {
        var page = _session.Page;
        await _session.SignInStaffAsync("night.admin@bank.test", AppRoles.Admin);
        await page.GotoAsync("admin/customers");
        await _session.WaitForInteractiveAsync();
        var row = page.Locator("tr", new PageLocatorOptions { HasText = BrowserSeed.SendableCustomerId });

        await row.GetByTestId("send-alert").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"{_quietEnd} {CustomerZone}");
        await Assertions.Expect(dialog).ToContainTextAsync("not now: Quiet hours");
        await Assertions.Expect(dialog).ToContainTextAsync("Quiet hours follow the customer's time zone.");
        await _session.ScreenshotAsync("send-alert-scheduled-confirmation");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();

        await Assertions.Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("Pending");
        await Assertions.Expect(row.GetByTestId("alert-scheduled")).ToContainTextAsync($"{_quietEnd} {CustomerZone})");
        await Assertions.Expect(page.GetByText("Alert scheduled: it goes out")).ToBeVisibleAsync();
        await _session.ScreenshotAsync("send-alert-scheduled-row");

        await page.GotoAsync("admin/outbox");
        var scheduled = page.GetByTestId("outbox-scheduled-row");
        await Assertions.Expect(scheduled).ToHaveCountAsync(1);
        await Assertions.Expect(scheduled).ToContainTextAsync(BrowserSeed.SendableCustomerId);
        await Assertions.Expect(scheduled).ToContainTextAsync($"{_quietEnd} {CustomerZone}");
        await Assertions.Expect(scheduled).ToContainTextAsync($"Quiet hours");
    }
}
