using System.Globalization;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Messaging.Webhooks;

/// <summary>
/// Applies a verified WhatsApp webhook: delivery statuses move alerts along (monotonically, see
/// <see cref="AlertStatusTransitions"/>), and customer messages are stored for the alert history; a "STOP" withdraws the
/// customer's WhatsApp opt-in and a "START" gives it again (<see cref="WhatsAppConsentReply"/>).
/// Safe to receive twice: WhatsApp redelivers webhooks until it gets a 200.
/// </summary>
public sealed class WhatsAppWebhookProcessor(
    ICreditRiskStore store, IAlertEventPublisher events, TimeProvider time, ILogger<WhatsAppWebhookProcessor> logger, CustomerLockTable locks)
{
    private const int MaxUpdateAttempts = 10;

    private static readonly WhatsAppConsentReply[] ConsentReplies = [WhatsAppConsentReply.OptOut, WhatsAppConsentReply.OptIn];

    private static readonly long s_lastUnixSecond = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public async Task<WebhookProcessingResult> ProcessAsync(WebhookPayload payload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        int applied = 0, ignored = 0, stored = 0;
        foreach (var value in Values(payload))
        {
            // OfType skips null elements: the JSON may hold them, and a throw here would be redelivered for days.
            foreach (var status in (value.Statuses ?? []).OfType<WebhookStatus>())
            {
                if (await ApplyStatusAsync(status, ct).ConfigureAwait(false))
                {
                    applied++;
                }
                else
                {
                    ignored++;
                }
            }

            foreach (var message in (value.Messages ?? []).OfType<WebhookMessage>())
            {
                if (await StoreMessageAsync(message, ct).ConfigureAwait(false))
                {
                    stored++;
                }
            }
        }

        return new WebhookProcessingResult(applied, ignored, stored);
    }

    private static IEnumerable<WebhookValue> Values(WebhookPayload payload) =>
        from entry in (payload.Entry ?? []).OfType<WebhookEntry>()
        from change in (entry.Changes ?? []).OfType<WebhookChange>()
        where change.Value is not null && (change.Field is null || change.Field == "messages")
        select change.Value!;

    private async Task<bool> ApplyStatusAsync(WebhookStatus status, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(status.Id) || ToAlertStatus(status.Status) is not { } reported)
        {
            return false;
        }

        var at = FromUnixSeconds(status.Timestamp) ?? time.GetUtcNow();
        var failure = status.Errors?.FirstOrDefault() is { } error
            ? $"{error.Code}: {error.ErrorData?.Details ?? error.Message ?? error.Title}"
            : null;

        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var alert = await FindAlertAsync(status, ct).ConfigureAwait(false);
            if (alert is null)
            {
                logger.LogDebug("Ignoring WhatsApp status {Status} for unknown message {MessageId}", status.Status, status.Id);
                return false;
            }

            var updated = AlertStatusTransitions.Apply(alert, reported, Truncate(at), status.Id, failure, Truncate(time.GetUtcNow()));
            if (updated is null)
            {
                return false;
            }

            if (await store.Alerts.TryUpdateAsync(updated, alert, ct).ConfigureAwait(false))
            {
                // Every open grid and drill-down shows the new status at once, not at its next re-read.
                events.Publish(new AlertChanged(updated));
                logger.LogInformation("Alert {AlertId}: WhatsApp reports {Status}; now {AlertStatus}", alert.Id, status.Status, updated.Status);
                return true;
            }
        }

        logger.LogWarning("Alert for message {MessageId} kept changing; WhatsApp status {Status} not applied", status.Id, status.Status);
        return false;
    }

    /// <summary>
    /// By message id, or else by the alert id echoed in <c>biz_opaque_callback_data</c>: the status may arrive before
    /// the sender recorded the message id, or after a crash that kept it from being recorded at all.
    /// </summary>
    private async Task<Alert?> FindAlertAsync(WebhookStatus status, CancellationToken ct) =>
        await store.Alerts.FindByProviderMessageIdAsync(status.Id!, ct).ConfigureAwait(false)
        ?? (string.IsNullOrEmpty(status.BizOpaqueCallbackData) ? null
            : await store.Alerts.GetAsync(status.BizOpaqueCallbackData, ct).ConfigureAwait(false));

    private async Task<bool> StoreMessageAsync(WebhookMessage message, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(message.Id) || string.IsNullOrEmpty(message.From))
        {
            return false;
        }

        var from = message.From.StartsWith('+') ? message.From : "+" + message.From;
        var customer = await store.Customers.FindByPhoneAsync(from, ct).ConfigureAwait(false);
        var repliedTo = message.Context?.Id is { Length: > 0 } contextId
            ? await store.Alerts.FindByProviderMessageIdAsync(contextId, ct).ConfigureAwait(false)
            : null;
        var now = Truncate(time.GetUtcNow());
        var inbound = new InboundMessage
        {
            Id = message.Id,
            From = from,
            CustomerId = customer?.Id,
            ReceivedAt = Truncate(FromUnixSeconds(message.Timestamp) ?? now),
            Type = message.Type ?? "unknown",
            Text = message.Text?.Body ?? message.Button?.Text,
            InReplyToMessageId = message.Context?.Id,
            AlertId = repliedTo?.Id,
            StoredAt = now,
        };

        var added = await store.InboundMessages.TryAddAsync(inbound, ct).ConfigureAwait(false);
        if (added)
        {
            logger.LogInformation(
                "WhatsApp message {MessageId} from customer {CustomerId} stored (opens the 24-hour window)", inbound.Id, inbound.CustomerId ?? "(unknown number)");
        }

        // On every delivery, not only the first: a STOP whose consent write failed after its message was stored is
        // applied when WhatsApp delivers it again. The reply's own time (as first stored) keeps a delivery again from
        // undoing a change made since.
        if (customer is not null && ConsentReplies.FirstOrDefault(r => r.IsRequest(inbound.Text)) is { } reply)
        {
            var writtenAt = added ? inbound.ReceivedAt
                : (await store.InboundMessages.GetAsync(inbound.Id, ct).ConfigureAwait(false))?.ReceivedAt ?? inbound.ReceivedAt;
            await ApplyConsentReplyAsync(reply, customer.Id, inbound.Text!, writtenAt, now, ct).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>
    /// Under the customer's lock, on the customer as stored then: a customer file or snapshot being stored meanwhile
    /// merges the reply (a STOP must never be written over), and the reply keeps what that write changed.
    /// </summary>
    private async Task ApplyConsentReplyAsync(
        WhatsAppConsentReply reply, string customerId, string text, DateTimeOffset writtenAt, DateTimeOffset now, CancellationToken ct)
    {
        using (await locks.AcquireAsync([customerId], ct).ConfigureAwait(false))
        {
            if (await store.Customers.GetAsync(customerId, ct).ConfigureAwait(false) is { } current
                && await reply.ApplyAsync(store.Customers, store.Audit, current, text, writtenAt, now, ct).ConfigureAwait(false))
            {
                logger.LogInformation("Customer {CustomerId} replied {Text} on WhatsApp: {Action}", customerId, text, reply.Action);
            }
        }
    }

    private static AlertStatus? ToAlertStatus(string? status) => status switch
    {
        "sent" => AlertStatus.Sent,
        "delivered" => AlertStatus.Delivered,
        "read" => AlertStatus.Read,
        "failed" => AlertStatus.Failed,
        _ => null,
    };

    /// <summary>The time a Unix-seconds timestamp names; null (read as now) when it is not one or lies past the calendar.</summary>
    private static DateTimeOffset? FromUnixSeconds(string? timestamp) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= s_lastUnixSecond
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
