using CreditRisk.Core.Alerts;
using CreditRisk.Tests.Messaging;

namespace CreditRisk.Tests.Alerts;

public sealed class AlertHistoryServiceTests
{
    [Fact]
    public async Task GetAsync_CustomerReplied_ListsAlertsAndRepliesWithTheOpenServiceWindow()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        var alert = await h.AddAlertAsync();
        await h.Store.Alerts.TryUpdateAsync(alert with { Status = AlertStatus.Sent, ProviderMessageId = "wamid.A1", SentAt = AlertHarness.Noon }, alert);
        var repliedAt = AlertHarness.Noon.AddMinutes(10);
        await h.Webhooks.ProcessAsync(FakeWhatsAppCloudApi.Payload(new Core.Messaging.Webhooks.WebhookValue(
            "whatsapp", null, null,
            [new Core.Messaging.Webhooks.WebhookMessage("919812345678", "wamid.IN1", repliedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "text", new Core.Messaging.Webhooks.WebhookText("Call me"), null, new Core.Messaging.Webhooks.WebhookContext(null, "wamid.A1"))])));
        h.Time.Advance(TimeSpan.FromHours(1));

        var history = await new AlertHistoryService(h.Store, h.Time).GetAsync("cust-1");
        h.Time.Advance(TimeSpan.FromDays(1));
        var later = await new AlertHistoryService(h.Store, h.Time).GetAsync("cust-1");

        Assert.Equal("al-1", Assert.Single(history.Alerts).Id);
        var reply = Assert.Single(history.Replies);
        Assert.Equal(("Call me", "al-1"), (reply.Text, reply.AlertId));
        Assert.Equal(repliedAt.AddHours(24), history.ServiceWindowOpenUntil);
        Assert.Null(later.ServiceWindowOpenUntil);
    }
}
