using System.Globalization;
using System.Text.Json;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Messaging;

namespace CreditRisk.Tests.Alerts;

public sealed class AlertDeliveryServiceTests
{
    private const string Job = "job:send-whatsapp-alert";

    [Fact]
    public async Task DeliverAsync_PendingAlertWithOptIn_SendsTheTemplateAndMarksItSent()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync();

        var result = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.Sent, result.Outcome);
        var message = Assert.Single(h.Sender.Sent);
        Assert.Equal(("+919812345678", "high_risk_alert", "al-1"), (message.To, message.TemplateKey, message.CallbackData));
        Assert.Equal("Asha Verma", message.Values["name"]);
        Assert.Equal("Utilisation is 93.5% of the limit", message.Values["reason"]);
        Assert.Equal(h.Options.Helpline, message.Values["helpline"]);
        var alert = await h.AlertAsync();
        Assert.Equal(AlertStatus.Sent, alert.Status);
        Assert.Equal("wamid.s1", alert.ProviderMessageId);
        Assert.Equal(AlertHarness.Noon, alert.SentAt);
        Assert.Equal(1, alert.Attempts);
        Assert.Null(alert.SendingAt);
    }

    [Fact]
    public async Task DeliverAsync_Sent_WritesAnAuditEntryWithActorTemplateAndResult()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync();

        await h.Delivery.DeliverAsync("al-1", Job);

        var entry = Assert.Single(await h.Store.Audit.ListAsync(AlertDeliveryService.AuditPrefix, 0, 10));
        Assert.Equal((Job, "alerts.whatsapp.sent", "al-1"), (entry.Actor, entry.Action, entry.Target));
        Assert.Equal(AlertHarness.Noon, entry.At);
        using var details = JsonDocument.Parse(entry.Details!);
        Assert.Equal("high_risk_alert", details.RootElement.GetProperty("template").GetString());
        Assert.Equal("Sent", details.RootElement.GetProperty("result").GetString());
        Assert.Equal("pipeline", details.RootElement.GetProperty("triggeredBy").GetString());
        Assert.Equal("wamid.s1", details.RootElement.GetProperty("providerMessageId").GetString());
    }

    [Fact]
    public async Task DeliverAsync_RunTwice_SendsOneMessage()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync();

        var first = await h.OutboxDelivery.DeliverAsync("al-1", Job);
        var second = await h.OutboxDelivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.Sent, first.Outcome);
        Assert.Equal(AlertDeliveryOutcome.AlreadyHandled, second.Outcome);
        Assert.Equal(1, await h.Store.DevelopmentOutbox.CountAsync());
        Assert.Single(await h.Store.Audit.ListAsync(AlertDeliveryService.AuditPrefix, 0, 10));
    }

    [Fact]
    public async Task DeliverAsync_ManyRunsAtOnce_SendOneMessage()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync();
        using var start = new ManualResetEventSlim();

        var runs = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await h.OutboxDelivery.DeliverAsync("al-1", Job);
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(runs);

        Assert.Single(results, r => r.Outcome == AlertDeliveryOutcome.Sent);
        Assert.All(results.Where(r => r.Outcome != AlertDeliveryOutcome.Sent), r =>
            Assert.Contains(r.Outcome, new[] { AlertDeliveryOutcome.AlreadyHandled, AlertDeliveryOutcome.InProgress }));
        Assert.Equal(1, await h.Store.DevelopmentOutbox.CountAsync());
        Assert.Equal(1, (await h.AlertAsync()).Attempts);
    }

    [Fact]
    public async Task DeliverAsync_NoOptIn_SuppressesWithTheReasonAndSendsNothing()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync(optIn: false);
        await h.AddAlertAsync();

        var result = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.Suppressed, result.Outcome);
        Assert.Empty(h.Sender.Sent);
        var alert = await h.AlertAsync();
        Assert.Equal(AlertStatus.Suppressed, alert.Status);
        Assert.Contains("opt-in", alert.FailureReason);
        Assert.Equal("alerts.whatsapp.suppressed", Assert.Single(await h.Store.Audit.ListAsync(AlertDeliveryService.AuditPrefix, 0, 10)).Action);
    }

    [Fact]
    public async Task ManualSendAsync_NoOptIn_IsSuppressedToo()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync(optIn: false);

        var result = await h.Manual.SendAsync("cust-1", "Please call us", "admin.asha");

        Assert.Equal(AlertDeliveryOutcome.Suppressed, result.Outcome);
        Assert.Empty(h.Sender.Sent);
        var alert = Assert.Single(await h.Store.Alerts.ListForCustomerAsync("cust-1", 10));
        Assert.Equal(("admin.asha", AlertStatus.Suppressed), (alert.TriggeredBy, alert.Status));
    }

    [Fact]
    public async Task DeliverAsync_AutomaticWithinCooldown_SuppressesIt()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync("first");
        await h.Delivery.DeliverAsync("first", Job);
        h.Time.Advance(TimeSpan.FromDays(6.9));
        await h.AddAlertAsync("second");

        var result = await h.Delivery.DeliverAsync("second", Job);

        Assert.Equal(AlertDeliveryOutcome.Suppressed, result.Outcome);
        Assert.Contains("Cooldown", (await h.AlertAsync("second")).FailureReason);
        Assert.Single(h.Sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_TwoAutomaticAlertsDueTogether_SendsOneAndSuppressesTheOther()
    {
        // Both were held to the end of quiet hours, so their jobs run side by side.
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync("first");
        await h.AddAlertAsync("second");
        Task<AlertDeliveryResult>? second = null;
        h.Sender.DuringSend = (message, _) =>
        {
            second ??= Task.Run(() => h.Delivery.DeliverAsync("second", Job));
            return Task.Delay(200);
        };

        var first = await h.Delivery.DeliverAsync("first", Job);

        Assert.Equal((AlertDeliveryOutcome.Sent, AlertDeliveryOutcome.Suppressed), (first.Outcome, (await second!).Outcome));
        Assert.Contains("Cooldown", (await h.AlertAsync("second")).FailureReason);
        Assert.Single(h.Sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_CustomerOptsOutWhileTheAlertWaitsForTheirTurn_IsSuppressed()
    {
        // The first alert's send fails (no cooldown then); the second waits for the customer's turn meanwhile, and the
        // customer replies STOP before it gets it: the opt-in it read before waiting is stale.
        await using var h = await AlertHarness.CreateAsync();
        var customer = await h.AddCustomerAsync();
        await h.AddAlertAsync("first");
        await h.AddAlertAsync("second");
        h.Sender.Then(new SendResult(SendOutcome.TransientFailure, null, "high_risk_alert", Error: "HTTP 503"));
        Task<AlertDeliveryResult>? second = null;
        h.Sender.DuringSend = async (message, _) =>
        {
            if (message.CallbackData == "first")
            {
                second = Task.Run(() => h.Delivery.DeliverAsync("second", Job));
                await Task.Delay(300);
                await h.Store.Customers.UpsertManyAsync([customer with { WhatsAppOptIn = false, WhatsAppOptedOutAt = AlertHarness.Noon }]);
            }
        };

        var first = await h.Delivery.DeliverAsync("first", Job);

        Assert.Equal((AlertDeliveryOutcome.RetryScheduled, AlertDeliveryOutcome.Suppressed), (first.Outcome, (await second!).Outcome));
        Assert.Equal("No recorded WhatsApp opt-in.", (await h.AlertAsync("second")).FailureReason);
        Assert.Single(h.Sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_CooldownOfFractionalDays_ReasonWrittenTheSameInEveryCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { CooldownDays = 1.5 });
            await h.AddCustomerAsync();
            await h.AddAlertAsync("first");
            await h.Delivery.DeliverAsync("first", Job);
            h.Time.Advance(TimeSpan.FromHours(1));
            await h.AddAlertAsync("second");

            await h.Delivery.DeliverAsync("second", Job);

            Assert.EndsWith("automatic alerts wait 1.5 days.", (await h.AlertAsync("second")).FailureReason);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task DeliverAsync_AnotherInstanceSendingAnAlertOfTheCustomer_SuppressesThisOne()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync("first");
        await h.AddAlertAsync("second");
        AlertDeliveryResult? second = null;
        h.Sender.DuringSend = async (message, _) =>
            second ??= await h.DeliveryOfAnotherInstance.DeliverAsync("second", Job);

        var first = await h.Delivery.DeliverAsync("first", Job);

        Assert.Equal((AlertDeliveryOutcome.Sent, AlertDeliveryOutcome.Suppressed), (first.Outcome, second!.Outcome));
        Assert.Single(h.Sender.Sent);
    }

    [Fact]
    public async Task DeliverAsync_AutomaticAfterCooldown_SendsIt()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync("first");
        await h.Delivery.DeliverAsync("first", Job);
        h.Time.Advance(TimeSpan.FromDays(7.01));
        await h.AddAlertAsync("second");

        var result = await h.Delivery.DeliverAsync("second", Job);

        Assert.Equal(AlertDeliveryOutcome.Sent, result.Outcome);
        Assert.Equal(2, h.Sender.Sent.Count);
    }

    [Fact]
    public async Task ManualSendAsync_WithinCooldown_SendsAnyway()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync("automatic");
        await h.Delivery.DeliverAsync("automatic", Job);
        h.Time.Advance(TimeSpan.FromHours(1));

        // The admin saw the automatic alert in the repeat-send confirmation and sent anyway.
        var result = await h.Manual.SendAsync("cust-1", "Please call us about your card", "admin.asha", confirmedRepeatOf: "automatic");

        Assert.Equal(AlertDeliveryOutcome.Sent, result.Outcome);
        Assert.Equal(2, h.Sender.Sent.Count);
        var manual = await h.AlertAsync(result.AlertId);
        Assert.Equal(("admin.asha", (string?)null), (manual.TriggeredBy, manual.EscalationKey));
        var actions = (await h.Store.Audit.ListAsync(null, 0, 10)).Select(e => (e.Actor, e.Action)).ToList();
        Assert.Contains(("admin.asha", "alerts.manual.created"), actions);
        Assert.Contains(("admin.asha", "alerts.whatsapp.sent"), actions);
    }

    [Fact]
    public async Task DeliverAsync_DuringQuietHours_DefersToTheirEndInTheConfiguredTimeZone()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { TimeZone = "Asia/Kolkata", QuietHoursStart = "21:00", QuietHoursEnd = "09:00" });
        await h.AddCustomerAsync();
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero)); // 22:30 in India
        await h.AddAlertAsync();

        var result = await h.Delivery.DeliverAsync("al-1", Job);

        var nineAmIndia = new DateTimeOffset(2026, 3, 3, 3, 30, 0, TimeSpan.Zero);
        Assert.Equal(AlertDeliveryOutcome.Deferred, result.Outcome);
        Assert.Equal(nineAmIndia, result.RetryAt);
        Assert.Empty(h.Sender.Sent);
        var alert = await h.AlertAsync();
        Assert.Equal((AlertStatus.Pending, nineAmIndia, 0), (alert.Status, alert.NotBefore, alert.Attempts));
    }

    [Fact]
    public async Task DeliverAsync_QuietHoursOver_SendsTheDeferredAlert()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { TimeZone = "Asia/Kolkata" });
        await h.AddCustomerAsync();
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 22, 0, 0, TimeSpan.Zero)); // 03:30 in India
        await h.AddAlertAsync();
        var deferred = await h.Delivery.DeliverAsync("al-1", Job);

        var early = await h.Delivery.DeliverAsync("al-1", Job);
        h.Time.SetUtcNow(deferred.RetryAt!.Value);
        var due = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.Deferred, early.Outcome);
        Assert.Equal(AlertDeliveryOutcome.Sent, due.Outcome);
        Assert.Single(h.Sender.Sent);
        Assert.Null((await h.AlertAsync()).NotBefore);
    }

    [Fact]
    public async Task DeliverAsync_DailyCapReached_DefersAutomaticAlertsToTheNextDay()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { DailyCap = 2, CooldownDays = 0, RepeatSendConfirmHours = 0 });
        await h.AddCustomerAsync();
        for (var i = 1; i <= 3; i++)
        {
            await h.AddAlertAsync($"al-{i}");
        }

        var results = new List<AlertDeliveryResult>();
        for (var i = 1; i <= 3; i++)
        {
            results.Add(await h.Delivery.DeliverAsync($"al-{i}", Job));
        }

        var manual = await h.Manual.SendAsync("cust-1", "Manual", "admin.asha");

        Assert.Equal([AlertDeliveryOutcome.Sent, AlertDeliveryOutcome.Sent, AlertDeliveryOutcome.Deferred], results.Select(r => r.Outcome));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), results[2].RetryAt); // next day, after quiet hours
        Assert.Equal(AlertDeliveryOutcome.Sent, manual.Outcome);
    }

    [Fact]
    public async Task DeliverAsync_PermanentRefusal_FailsWithTheReasonAndNoRetry()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync();
        h.Sender.Then(new SendResult(SendOutcome.Failed, null, "high_risk_alert", ErrorCode: 131047, Error: "131047: Re-engagement message"));

        var result = await h.Delivery.DeliverAsync("al-1", Job);
        var again = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.Failed, result.Outcome);
        Assert.Equal(AlertDeliveryOutcome.AlreadyHandled, again.Outcome);
        var alert = await h.AlertAsync();
        Assert.Equal((AlertStatus.Failed, "131047: Re-engagement message", AlertHarness.Noon), (alert.Status, alert.FailureReason, alert.FailedAt));
        Assert.Single(h.Sender.Sent);
        Assert.Equal("alerts.whatsapp.failed", Assert.Single(await h.Store.Audit.ListAsync(AlertDeliveryService.AuditPrefix, 0, 10)).Action);
    }

    [Fact]
    public async Task DeliverAsync_TransientFailures_BackOffThenGiveUpAfterMaxAttempts()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { MaxAttempts = 3, RetryDelaySeconds = 60 });
        await h.AddCustomerAsync();
        await h.AddAlertAsync();
        for (var i = 0; i < 3; i++)
        {
            h.Sender.Then(new SendResult(SendOutcome.TransientFailure, null, "high_risk_alert", ErrorCode: 130429, Error: "130429: throttled"));
        }

        var first = await h.Delivery.DeliverAsync("al-1", Job);
        var tooEarly = await h.Delivery.DeliverAsync("al-1", Job);
        h.Time.SetUtcNow(first.RetryAt!.Value);
        var second = await h.Delivery.DeliverAsync("al-1", Job);
        h.Time.SetUtcNow(second.RetryAt!.Value);
        var third = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.RetryScheduled, first.Outcome);
        Assert.Equal(AlertHarness.Noon.AddSeconds(60), first.RetryAt);
        Assert.Equal(AlertDeliveryOutcome.Deferred, tooEarly.Outcome);
        Assert.Equal(AlertDeliveryOutcome.RetryScheduled, second.Outcome);
        Assert.Equal(first.RetryAt.Value.AddSeconds(120), second.RetryAt);
        Assert.Equal(AlertDeliveryOutcome.Failed, third.Outcome);
        var alert = await h.AlertAsync();
        Assert.Equal((AlertStatus.Failed, 3), (alert.Status, alert.Attempts));
        Assert.StartsWith("Gave up after 3 attempts", alert.FailureReason);
        Assert.Equal(3, h.Sender.Sent.Count);
    }

    [Fact]
    public async Task DeliverAsync_AccessTokenRefusedMoreTimesThanMaxAttempts_StaysPendingAndSendsOnceRenewed()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { MaxAttempts = 2, RetryDelaySeconds = 60 });
        await h.AddCustomerAsync();
        await h.AddAlertAsync();
        for (var i = 0; i < 4; i++)
        {
            h.Sender.Then(new SendResult(SendOutcome.TransientFailure, null, "high_risk_alert", ErrorCode: GraphErrorCodes.AccessTokenRefused, Error: "190: Error validating access token"));
        }

        var results = new List<AlertDeliveryResult>();
        for (var i = 0; i < 5; i++)
        {
            var result = await h.Delivery.DeliverAsync("al-1", Job);
            results.Add(result);
            h.Time.SetUtcNow(result.RetryAt ?? h.Time.GetUtcNow());
        }

        // Four refusals of our token burn no attempt and wait the longest ordinary back-off (60 s × 2); the fifth is sent.
        Assert.All(results.Take(4), r => Assert.Equal(AlertDeliveryOutcome.RetryScheduled, r.Outcome));
        Assert.Equal(AlertHarness.Noon.AddSeconds(120), results[0].RetryAt);
        Assert.Equal(AlertDeliveryOutcome.Sent, results[4].Outcome);
        Assert.Equal((AlertStatus.Sent, 1), ((await h.AlertAsync()).Status, (await h.AlertAsync()).Attempts));
    }

    [Fact]
    public async Task DeliverAsync_InterruptedAttempt_WaitsOutTheGracePeriodThenSendsAgain()
    {
        await using var h = await AlertHarness.CreateAsync(new AlertDeliveryOptions { InFlightGraceSeconds = 600 });
        await h.AddCustomerAsync();
        var pending = await h.AddAlertAsync();
        var crashed = pending with { Attempts = 1, SendingAt = AlertHarness.Noon };
        Assert.True(await h.Store.Alerts.TryUpdateAsync(crashed, pending));

        var during = await h.Delivery.DeliverAsync("al-1", Job);
        h.Time.Advance(TimeSpan.FromSeconds(601));
        var after = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.InProgress, during.Outcome);
        Assert.Equal(AlertHarness.Noon.AddSeconds(600), during.RetryAt);
        Assert.Equal(AlertDeliveryOutcome.Sent, after.Outcome);
        Assert.Single(h.Sender.Sent);
        Assert.Equal(2, (await h.AlertAsync()).Attempts);
    }

    [Fact]
    public async Task DeliverAsync_InterruptedAttemptSettledByAStatusWebhook_SendsNothingMore()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        var pending = await h.AddAlertAsync();
        Assert.True(await h.Store.Alerts.TryUpdateAsync(pending with { Attempts = 1, SendingAt = AlertHarness.Noon }, pending));

        // The crashed attempt's message did go out: WhatsApp reports it, with the alert id as callback data.
        await h.Webhooks.ProcessAsync(FakeStatus("wamid.lost", "delivered", "al-1"));
        h.Time.Advance(TimeSpan.FromHours(1));
        var result = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.AlreadyHandled, result.Outcome);
        Assert.Empty(h.Sender.Sent);
        var alert = await h.AlertAsync();
        Assert.Equal((AlertStatus.Delivered, "wamid.lost", (DateTimeOffset?)null), (alert.Status, alert.ProviderMessageId, alert.SendingAt));
    }

    [Fact]
    public async Task DeliverAsync_StatusWebhookOvertakesTheApiResponse_KeepsTheWebhookStatusAndTheMessageId()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        await h.AddAlertAsync();
        h.Sender.DuringSend = (_, id) => h.Webhooks.ProcessAsync(FakeStatus(id, "delivered", "al-1"));

        var result = await h.Delivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.Sent, result.Outcome);
        var alert = await h.AlertAsync();
        Assert.Equal((AlertStatus.Delivered, "wamid.s1"), (alert.Status, alert.ProviderMessageId));
        Assert.NotNull(alert.SentAt);
        Assert.Null(alert.SendingAt);
    }

    [Fact]
    public async Task DeliverAsync_UnknownTemplateKey_FailsWithoutRetry()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddCustomerAsync();
        var alert = await h.AddAlertAsync();
        await h.Store.Alerts.TryUpdateAsync(alert with { TemplateName = "no_such_template" }, alert);

        var result = await h.OutboxDelivery.DeliverAsync("al-1", Job);

        Assert.Equal(AlertDeliveryOutcome.Failed, result.Outcome);
        Assert.Contains("no_such_template", (await h.AlertAsync()).FailureReason);
    }

    [Fact]
    public async Task DeliverAsync_UnknownAlert_ReportsNotFound()
    {
        await using var h = await AlertHarness.CreateAsync();

        Assert.Equal(AlertDeliveryOutcome.NotFound, (await h.Delivery.DeliverAsync("ghost", Job)).Outcome);
    }

    private static Core.Messaging.Webhooks.WebhookPayload FakeStatus(string messageId, string status, string? callbackData) =>
        Messaging.FakeWhatsAppCloudApi.Payload(new Core.Messaging.Webhooks.WebhookValue(
            "whatsapp",
            null,
            [new Core.Messaging.Webhooks.WebhookStatus(messageId, status, "1772452800", "919812345678", callbackData, null)],
            null));
}
