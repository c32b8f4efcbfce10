using System.Globalization;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Messaging.Webhooks;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Demo;

/// <summary>
/// Gives the demo's alerts a past: part of the pending alerts are delivered by the real <see cref="AlertDeliveryService"/>
/// on a replay clock set to yesterday morning (so quiet hours do not hold them), and part of those get "delivered" and
/// "read" statuses through the real <see cref="WhatsAppWebhookProcessor"/>. Only with the development outbox: a demo
/// never sends to a real WhatsApp number.
/// </summary>
public sealed partial class DemoAlertActivity(
    ICreditRiskStore store,
    IWhatsAppSender sender,
    IOptions<AlertDeliveryOptions> delivery,
    IOptions<WhatsAppOptions> whatsApp,
    WhatsAppWebhookProcessor webhooks,
    AlertAudit audit,
    IAlertEventPublisher events,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary>Out of every 10 pending alerts, how many the demo has sent.</summary>
    public const int SentPerTen = 4;

    /// <summary>Out of every 10 sent, how many were delivered, and of those how many read (the brief's 60–70%).</summary>
    public const int DeliveredPerTen = 9;

    public const int ReadPerTen = 6;

    private readonly ILogger _logger = loggers.CreateLogger<DemoAlertActivity>();

    /// <summary>Returns how many alerts were sent, delivered and read.</summary>
    public async Task<(int Sent, int Delivered, int Read)> RunAsync(CancellationToken ct)
    {
        if (!whatsApp.Value.UsesDevelopmentOutbox)
        {
            LogSkipped();
            return (0, 0, 0);
        }

        var now = time.GetUtcNow();
        var morning = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-1).AddHours(10), TimeSpan.Zero);
        var replay = new ReplayClock(morning);
        var service = new AlertDeliveryService(store, sender, delivery, replay, audit, events, loggers.CreateLogger<AlertDeliveryService>());
        var pending = await store.Alerts.ListByStatusAsync(AlertStatus.Pending, now.AddSeconds(1), 100_000, ct: ct).ConfigureAwait(false);
        foreach (var (alert, i) in pending.OrderBy(a => a.Id, StringComparer.Ordinal).Select((a, i) => (a, i)))
        {
            if (i % 10 >= SentPerTen)
            {
                continue;
            }

            replay.Advance(TimeSpan.FromSeconds(20));

            // Raised during the seed, an alert may already have been deferred to the end of tonight's quiet hours by the
            // live send job; in the replayed past (yesterday morning) it was due, so that deferral does not apply.
            if (await store.Alerts.GetAsync(alert.Id, ct).ConfigureAwait(false) is { Status: AlertStatus.Pending, NotBefore: not null } deferred)
            {
                await store.Alerts.TryUpdateAsync(deferred with { NotBefore = null }, deferred, ct).ConfigureAwait(false);
            }

            await service.DeliverAsync(alert.Id, DemoPortfolioSeeding.Actor, ct).ConfigureAwait(false);
        }

        // Every sent alert (by the replay above, or already by the live send job while the seed ran in the daytime)
        // gets WhatsApp's later statuses: most delivered, a good part of those read, never later than now.
        var sentAlerts = await store.Alerts.ListByStatusAsync(AlertStatus.Sent, now.AddSeconds(1), 100_000, ct: ct).ConfigureAwait(false);
        var statuses = new List<WebhookStatus>();
        int sent = 0, delivered = 0, read = 0;
        foreach (var alert in sentAlerts.Where(a => a.ProviderMessageId is not null).OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            var at = alert.SentAt ?? now;
            if (sent++ % 10 >= DeliveredPerTen)
            {
                continue;
            }

            delivered++;
            statuses.Add(Status(alert.ProviderMessageId!, "delivered", Min(at.AddMinutes(2), now)));
            if ((sent - 1) % 10 < ReadPerTen)
            {
                read++;
                statuses.Add(Status(alert.ProviderMessageId!, "read", Min(at.AddMinutes(30 + (sent % 90)), now)));
            }
        }

        foreach (var batch in statuses.Chunk(100))
        {
            var payload = new WebhookPayload("whatsapp_business_account",
                [new WebhookEntry("demo", [new WebhookChange("messages", new WebhookValue("whatsapp", null, batch, null))])]);
            await webhooks.ProcessAsync(payload, ct).ConfigureAwait(false);
        }

        LogDone(sent, delivered, read);
        return (sent, delivered, read);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static WebhookStatus Status(string messageId, string status, DateTimeOffset at) =>
        new(messageId, status, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), null, null, null);

    /// <summary>Yesterday morning, moving on a little with each send.</summary>
    private sealed class ReplayClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: WhatsApp is configured with a real access token, so the demo sends no alerts (they stay pending)")]
    private partial void LogSkipped();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: {Sent} alerts sent to the development outbox, {Delivered} delivered, {Read} read (webhook statuses)")]
    private partial void LogDone(int sent, int delivered, int read);
}
