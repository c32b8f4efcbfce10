using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CreditRisk.Core.Alerts;

namespace CreditRisk.Tests.Alerts;

public sealed class ManualAlertServiceTests
{
    private const string Job = "job:send-whatsapp-alert";

    /// <summary>17:00 UTC on 2 March 2026: 22:30 in India (quiet), still afternoon in UTC.</summary>
    private static readonly DateTimeOffset IndiaNight = new(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PreviewAsync_DuringTheCustomersQuietHours_SaysWhenAndWhyInTheirTimeZone()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { TimeZone = "UTC", QuietHoursStart = "21:00", QuietHoursEnd = "09:00" });
        await h.AddCustomerAsync(timeZone: "Asia/Kolkata");
        h.Time.SetUtcNow(IndiaNight);

        var preview = await h.Manual.PreviewAsync("cust-1");

        Assert.NotNull(preview);
        Assert.False(preview.SendsNow);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 3, 30, 0, TimeSpan.Zero), preview.SendsAt);
        Assert.Equal(new DateTime(2026, 3, 3, 9, 0, 0), preview.LocalSendsAt);
        Assert.Equal(("Asia/Kolkata", true), (preview.TimeZoneId, preview.CustomerZone));
        Assert.Equal("Quiet hours (21:00–09:00 Asia/Kolkata).", preview.WaitReason);
    }

    [Fact]
    public async Task PreviewAsync_NoTimeZoneOnTheRecord_UsesTheConfiguredOne()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { TimeZone = "UTC", QuietHoursStart = "21:00", QuietHoursEnd = "09:00" });
        await h.AddCustomerAsync();
        h.Time.SetUtcNow(IndiaNight);

        var preview = await h.Manual.PreviewAsync("cust-1");

        Assert.NotNull(preview);
        Assert.True(preview.SendsNow);
        Assert.Equal(("UTC", false), (preview.TimeZoneId, preview.CustomerZone));
        Assert.Null(preview.WaitReason);
        Assert.Null(preview.RecentMessage);
    }

    [Fact]
    public async Task PreviewAsync_UnknownCustomer_IsNull()
    {
        await using var h = await AlertHarness.CreateAsync();

        Assert.Null(await h.Manual.PreviewAsync("nobody"));
    }

    [Fact]
    public async Task DeliverAsync_CustomersNightButConfiguredDay_DefersToTheirMorning()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { TimeZone = "UTC" });
        await h.AddCustomerAsync(timeZone: "Asia/Kolkata");
        h.Time.SetUtcNow(IndiaNight);
        await h.AddAlertAsync();

        var result = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.Deferred, result.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 3, 30, 0, TimeSpan.Zero), result.RetryAt);
        Assert.Contains("Asia/Kolkata", result.Reason);
        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public async Task SendAsync_WithinTheRepeatPeriodUnconfirmed_SendsNothingAndNamesTheLastMessage()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync("earlier");
        await h.Delivery.DeliverAsync("earlier", Job);
        h.Time.Advance(TimeSpan.FromHours(23));

        var preview = await h.Manual.PreviewAsync("cust-1");
        var result = await h.Manual.SendAsync("cust-1", "Please call us", "admin.asha");

        Assert.Equal(("earlier", AlertStatus.Sent), (preview!.RecentMessage?.Id, preview.RecentMessage?.Status));
        Assert.Equal(AlertHarness.Noon, preview.RecentMessageAt);
        Assert.Equal((AlertDeliveryOutcome.ConfirmationRequired, "earlier", AlertStatus.Sent), (result.Outcome, result.AlertId, result.Status));
        Assert.Single(h.Sender.Sent);
        Assert.Single(await h.Store.Alerts.ListForCustomerAsync("cust-1", 10));
    }

    [Fact]
    public async Task SendAsync_ConfirmedRepeat_SendsAndAuditsTheOverrideNamingThePreviousMessage()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync("earlier");
        await h.Delivery.DeliverAsync("earlier", Job);
        await h.Webhooks.ProcessAsync(FakeWebhook.Status("wamid.s1", "delivered", AlertHarness.Noon.AddMinutes(1)));
        h.Time.Advance(TimeSpan.FromHours(2));

        var result = await h.Manual.SendAsync("cust-1", "Please call us", "admin.asha", confirmedRepeatOf: "earlier");

        Assert.Equal(AlertDeliveryOutcome.Sent, result.Outcome);
        Assert.Equal(2, h.Sender.Sent.Count);
        var entries = await h.Store.Audit.ListAsync(null, 0, 20);
        var overrideEntry = Assert.Single(entries, e => e.Action == ManualAlertService.RepeatConfirmedAction);
        Assert.Equal(("admin.asha", result.AlertId), (overrideEntry.Actor, overrideEntry.Target));
        using var details = JsonDocument.Parse(overrideEntry.Details!);
        Assert.Equal("earlier", details.RootElement.GetProperty("previousAlertId").GetString());
        Assert.Equal("Delivered", details.RootElement.GetProperty("previousStatus").GetString());
        Assert.Contains(entries, e => e.Action == ManualAlertService.CreatedAction && e.Actor == "admin.asha");
        Assert.Contains(entries, e => e.Action == "alerts.whatsapp.sent" && e.Actor == "admin.asha");
    }

    [Fact]
    public async Task SendAsync_AfterTheRepeatPeriod_SendsWithoutConfirmation()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { RepeatSendConfirmHours = 6 });
        await h.AddCustomerAsync();
        await h.AddAlertAsync("earlier");
        await h.Delivery.DeliverAsync("earlier", Job);
        h.Time.Advance(TimeSpan.FromHours(6.5));

        var result = await h.Manual.SendAsync("cust-1", "Please call us", "admin.asha");

        Assert.Equal(AlertDeliveryOutcome.Sent, result.Outcome);
        Assert.DoesNotContain(await h.Store.Audit.ListAsync(null, 0, 20), e => e.Action == ManualAlertService.RepeatConfirmedAction);
    }

    [Fact]
    public async Task SendAsync_OlderAlertSentRecentlyBesideANewerStillPending_NeedsConfirmationNamingTheSentOne()
    {
        // "held" was created 25 h ago and went out an hour ago (held back by the daily cap); "waiting", created after it
        // 24.5 h ago, is still pending: the message that counts is the one that went out an hour ago.
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        var now = h.Time.GetUtcNow();
        var held = await h.AddAlertAsync("held", automatic: false, createdAt: now.AddHours(-25));
        Assert.True(await h.Store.Alerts.TryUpdateAsync(held with { Status = AlertStatus.Sent, Attempts = 1, SentAt = now.AddHours(-1), ProviderMessageId = "wamid.h" }, held));
        await h.AddAlertAsync("waiting", createdAt: now.AddHours(-24.5));

        var preview = await h.Manual.PreviewAsync("cust-1");
        var result = await h.Manual.SendAsync("cust-1", "Please call us", "admin.asha");

        Assert.Equal(("held", now.AddHours(-1)), (preview!.RecentMessage?.Id, preview.RecentMessageAt));
        Assert.Equal((AlertDeliveryOutcome.ConfirmationRequired, "held"), (result.Outcome, result.AlertId));
        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public async Task SendAsync_OnlySuppressedAlertsBefore_NeedsNoConfirmation()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync(optIn: false);
        await h.AddAlertAsync("suppressed");
        await h.Delivery.DeliverAsync("suppressed", Job);
        await h.AddCustomerAsync(optIn: true);

        var result = await h.Manual.SendAsync("cust-1", "Please call us", "admin.asha");

        Assert.Equal(AlertDeliveryOutcome.Sent, result.Outcome);
    }

    [Fact]
    public async Task SendAndWebhook_EveryStatusChange_IsPublishedForLiveViews()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();

        var result = await h.Manual.SendAsync("cust-1", "Please call us", "admin.asha");
        await h.Webhooks.ProcessAsync(FakeWebhook.Status("wamid.s1", "read", AlertHarness.Noon.AddMinutes(2)));

        var statuses = h.Events.Published.Where(e => e.Alert.Id == result.AlertId).Select(e => e.Alert.Status).ToList();
        Assert.Equal(AlertStatus.Pending, statuses[0]);
        Assert.Equal([AlertStatus.Sent, AlertStatus.Read], statuses.Skip(1).Distinct().Where(s => s != AlertStatus.Pending));
        Assert.All(h.Events.Published, e => Assert.Equal("cust-1", e.Alert.CustomerId));
    }

    private static class FakeWebhook
    {
        public static Core.Messaging.Webhooks.WebhookPayload Status(string messageId, string status, DateTimeOffset at) =>
            Messaging.FakeWhatsAppCloudApi.Payload(new Core.Messaging.Webhooks.WebhookValue(
                "whatsapp",
                null,
                [new Core.Messaging.Webhooks.WebhookStatus(
                    messageId, status, at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "919812345678", null, null)],
                null));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24 * 366)]
    public void Options_RepeatPeriodOutOfRange_FailsValidation(double hours)
    {
        var options = new AlertDeliveryOptions { RepeatSendConfirmHours = hours };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(AlertDeliveryOptions.RepeatSendConfirmHours)));
    }
}
