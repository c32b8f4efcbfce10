using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Messaging.Webhooks;
using CreditRisk.Tests.Messaging;
using CreditRisk.Web.Authentication;
using CreditRisk.Web.Authorization;
using Microsoft.Playwright;

namespace CreditRisk.Tests.Browser;

/// <summary>
/// Two people at two browsers on one app: what one does (or the bank's systems post, or WhatsApp reports) shows on the
/// other's open pages by itself — drill-down, portfolio, grid — and a second manual send to the same customer asks
/// first, naming the message just sent and its status.
/// </summary>
[Trait("Category", "Browser")]
public sealed class LiveUpdatesBrowserTests : IAsyncLifetime
{
    private BrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await BrowserSession.StartWithPortfolioAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task TwoSessions_ApiPostsWebhooksAndSends_ReachTheOtherSessionWithoutReload()
    {
        var analyst = _session.Page;
        await _session.SignInStaffAsync("live.analyst@bank.test", AppRoles.Admin);
        var admin = await _session.NewStaffPageAsync("live.admin@bank.test", AppRoles.Admin);

        // Session A watches a customer's drill-down, session B the portfolio.
        await analyst.GotoAsync($"admin/customers/{BrowserSeed.HistoryCustomerId}");
        await _session.WaitForInteractiveAsync();
        var history = analyst.Locator("#score-history tbody tr");
        await Assertions.Expect(history.First).ToBeVisibleAsync();
        var assessments = await history.CountAsync();
        Assert.InRange(assessments, 1, 9);
        await admin.GotoAsync("admin/portfolio");
        await Assertions.Expect(admin.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Assertions.Expect(admin.GetByTestId("snapshot-time")).ToContainTextAsync("60 customers");

        // The bank's systems post a new customer and a transaction for the watched one.
        using var api = _session.CreateHttpClient();
        api.DefaultRequestHeaders.Add(ApiKeyDefaults.HeaderName, await _session.App.CreateApiKeyAsync());
        var now = _session.App.Clock.GetUtcNow();
        (await api.PostAsJsonAsync("/api/v1/customers", new[] { Api.ApiBodies.Customer("c-2001") })).EnsureSuccessStatusCode();
        var transactions = new[] { BrowserSeed.HistoryCustomerId, "c-2001" }.Select((customer, i) => new Dictionary<string, object?>
        {
            ["transactionId"] = $"live-{i}", ["customerId"] = customer, ["timestamp"] = now.AddMinutes(-1).ToString("O"),
            ["amount"] = 1_234.5m, ["type"] = "purchase", ["merchantCategory"] = "5944", ["merchantId"] = "M-LIVE", ["channel"] = "online",
        });
        (await api.PostAsJsonAsync("/api/v1/transactions", transactions)).EnsureSuccessStatusCode();

        await Assertions.Expect(history).ToHaveCountAsync(assessments + 1);
        await Assertions.Expect(analyst.GetByText("M-LIVE").First).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("snapshot-time")).ToContainTextAsync("61 customers");
        await _session.ScreenshotAsync("live-drill-down-after-api-post");

        // B sends an alert from the grid; A has that customer's drill-down open.
        await analyst.GotoAsync($"admin/customers/{BrowserSeed.SendableCustomerId}");
        await _session.WaitForInteractiveAsync();
        await Assertions.Expect(analyst.GetByText("No alerts sent and no messages received.")).ToBeVisibleAsync();
        await admin.GotoAsync("admin/customers");
        var row = admin.Locator("tr", new PageLocatorOptions { HasText = BrowserSeed.SendableCustomerId });
        await row.GetByTestId("send-alert").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("It goes out now.");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("Sent");
        var timeline = analyst.GetByTestId("alert-timeline-item");
        await Assertions.Expect(timeline.First).ToContainTextAsync("Alert sent");

        // WhatsApp reports it read: both sessions show it at once (the drill-down has no re-read timer at all).
        var alert = (await _session.App.Store.Alerts.ListForCustomerAsync(BrowserSeed.SendableCustomerId, 1)).Single();
        var webhookAt = DateTimeOffset.UtcNow;
        (await FakeWhatsAppCloudApi.PostWebhookAsync(api, FakeWhatsAppCloudApi.Payload(new WebhookValue(
            "whatsapp",
            new WebhookMetadata("15550100000", FakeWhatsAppCloudApi.PhoneNumberId),
            [new WebhookStatus(alert.ProviderMessageId!, "read", webhookAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "919810001001", null, null)],
            null)))).EnsureSuccessStatusCode();
        var fast = new LocatorAssertionsToContainTextOptions { Timeout = 5_000 };
        await Assertions.Expect(timeline.First).ToContainTextAsync("Alert read", fast);
        await Assertions.Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("Read", new LocatorAssertionsToHaveTextOptions { Timeout = 5_000 });

        // Sending again within the repeat period asks first, naming that message and its status.
        await row.GetByTestId("send-alert").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Send another WhatsApp alert?");
        await Assertions.Expect(dialog).ToContainTextAsync(new Regex(@"A message was sent to this customer (just now|\d+ min ago) \(.+ UTC, by live\.admin@bank\.test\)"));
        await Assertions.Expect(dialog).ToContainTextAsync("Its status is Read.");
        await ScreenshotAsync(admin, "live-repeat-send-confirmation");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Send again", Exact = true }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("Sent");
        await Assertions.Expect(timeline).ToHaveCountAsync(2);

        var overrides = await _session.App.Store.Audit.ListAsync(ManualAlertService.RepeatConfirmedAction, 0, 10);
        var entry = Assert.Single(overrides);
        Assert.Equal("live.admin@bank.test", entry.Actor);
        Assert.Contains(alert.Id, entry.Details);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserSession.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSession.ScreenshotDirectory, name + ".png") });
    }
}
