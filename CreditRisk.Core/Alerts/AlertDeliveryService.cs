using System.Globalization;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Alerts;

/// <summary>
/// Delivers one pending alert over WhatsApp under the outreach policy: recorded opt-in (always), cooldown per
/// customer (automatic alerts), quiet hours in the customer's time zone, a daily cap (automatic alerts), then the send
/// itself, each step audited and every stored change published as <see cref="AlertChanged"/>. An admin's send goes
/// through <see cref="ManualAlertService"/>.
/// </summary>
/// <remarks>
/// <para>
/// Idempotent: only a pending alert is sent, and every state change is a compare-and-swap on the stored alert
/// (<see cref="IAlertRepository.TryUpdateAsync"/>), so two runs of the same job — in sequence or at once — send one
/// message.
/// </para>
/// <para>
/// Before calling WhatsApp the attempt is claimed (attempts + 1 and <see cref="Alert.SendingAt"/>); the outcome is
/// recorded after. A crash in between leaves a claimed, pending alert whose message may or may not have gone out, and
/// WhatsApp has no idempotency key to ask. The choice is <b>at-least-once</b> with reconciliation: for
/// <see cref="AlertDeliveryOptions.InFlightGraceSeconds"/> nothing touches the claimed alert, and any status webhook
/// for the message (it carries the alert id in <c>biz_opaque_callback_data</c>) settles it as sent without a second
/// send; only if WhatsApp reports nothing in that time is the message sent again. A lost High-risk warning costs more
/// than a rare duplicate, and the window makes the duplicate rarer still.
/// </para>
/// </remarks>
public sealed class AlertDeliveryService(
    ICreditRiskStore store,
    IWhatsAppSender sender,
    IOptions<AlertDeliveryOptions> options,
    TimeProvider time,
    AlertAudit audit,
    IAlertEventPublisher events,
    ILogger<AlertDeliveryService> logger,
    AutomaticAlertTurns? turns = null)
{
    private readonly AutomaticAlertTurns _turns = turns ?? new();

    /// <summary>Prefix of every audit action this service writes.</summary>
    public const string AuditPrefix = "alerts.whatsapp.";

    private const int MaxRounds = 10;

    /// <summary>
    /// Delivers the alert if it is pending and due. <paramref name="actor"/> is who runs the delivery for the audit log:
    /// a job id (<c>job:send-whatsapp-alert</c>) or an admin's user name.
    /// </summary>
    public async Task<AlertDeliveryResult> DeliverAsync(string alertId, string actor, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        for (var round = 1; round <= MaxRounds; round++)
        {
            var alert = await store.Alerts.GetAsync(alertId, ct).ConfigureAwait(false);
            if (alert is null)
            {
                return new AlertDeliveryResult(alertId, AlertDeliveryOutcome.NotFound, AlertStatus.Pending);
            }

            if (alert.Status != AlertStatus.Pending)
            {
                return new AlertDeliveryResult(alertId, AlertDeliveryOutcome.AlreadyHandled, alert.Status);
            }

            var result = await TryDeliverAsync(alert, actor, ct).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            // Someone else changed the alert between our read and our write: look again.
        }

        throw new InvalidOperationException($"Alert '{alertId}' kept changing underneath {MaxRounds} delivery attempts.");
    }

    /// <summary>Null when the alert changed underneath (compare-and-swap lost): the caller reads it again.</summary>
    private async Task<AlertDeliveryResult?> TryDeliverAsync(Alert alert, string actor, CancellationToken ct)
    {
        var settings = options.Value;
        var now = Now();
        if (alert.SendingAt is { } claimedAt)
        {
            var staleAt = claimedAt + TimeSpan.FromSeconds(settings.InFlightGraceSeconds);
            if (now < staleAt)
            {
                return new AlertDeliveryResult(alert.Id, AlertDeliveryOutcome.InProgress, alert.Status, staleAt, "Another attempt is in flight.");
            }

            logger.LogWarning(
                "Alert {AlertId}: attempt {Attempt} claimed at {ClaimedAt} never recorded an outcome and WhatsApp reported nothing since; sending again (at-least-once)",
                alert.Id, alert.Attempts, claimedAt);
        }

        if (alert.NotBefore is { } notBefore && notBefore > now)
        {
            return new AlertDeliveryResult(alert.Id, AlertDeliveryOutcome.Deferred, alert.Status, notBefore, "Not due yet.");
        }

        var automatic = alert.EscalationKey is not null;
        using var turn = automatic ? await _turns.EnterAsync(alert.CustomerId, ct).ConfigureAwait(false) : null;

        // Read after the turn: waiting for it lasts as long as another alert's send, retries included, and a STOP
        // stored meanwhile must stop this one.
        var customer = await store.Customers.GetAsync(alert.CustomerId, ct).ConfigureAwait(false);
        if (customer is null)
        {
            return await SuppressAsync(alert, $"Customer '{alert.CustomerId}' not found.", actor, now, ct).ConfigureAwait(false);
        }

        if (!customer.WhatsAppOptIn)
        {
            return await SuppressAsync(alert, "No recorded WhatsApp opt-in.", actor, now, ct).ConfigureAwait(false);
        }

        if (automatic && settings.CooldownDays > 0 && await LastContactAsync(alert, ct).ConfigureAwait(false) is { } lastSent
            && lastSent > now - TimeSpan.FromDays(settings.CooldownDays))
        {
            return await SuppressAsync(
                alert,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Cooldown: an alert was sent to this customer at {lastSent:u}; automatic alerts wait {settings.CooldownDays:0.##} days."),
                actor,
                now,
                ct).ConfigureAwait(false);
        }

        // Quiet hours are the customer's night, in their own time zone; the daily cap counts the bank's day.
        var quiet = QuietHours.For(customer, settings);
        if (quiet.IsQuiet(now))
        {
            return await DeferAsync(alert, quiet.NextAllowed(now), quiet.Describe(), actor, now, ct).ConfigureAwait(false);
        }

        var bankDay = QuietHours.From(settings);
        if (automatic && settings.DailyCap > 0
            && await store.Alerts.CountSentSinceAsync(bankDay.StartOfDay(now), ct).ConfigureAwait(false) >= settings.DailyCap)
        {
            return await DeferAsync(alert, bankDay.StartOfNextAllowedDay(now), $"Daily cap of {settings.DailyCap} alerts reached.", actor, now, ct)
                .ConfigureAwait(false);
        }

        // Claim the attempt before calling out, so a concurrent run backs off and a crash leaves a trace.
        var claimed = alert with { Attempts = alert.Attempts + 1, SendingAt = now, NotBefore = null, UpdatedAt = now };
        if (!await TryUpdateAsync(claimed, alert, ct).ConfigureAwait(false))
        {
            return null;
        }

        var send = await SendAsync(claimed, customer, ct).ConfigureAwait(false);
        var outcome = AlertAttemptOutcome.Apply(claimed, send, settings, Now());
        var saved = await SaveOutcomeAsync(claimed, outcome, send, ct).ConfigureAwait(false);
        var result = AlertAttemptOutcome.ToResult(saved, send);
        await audit.WriteAsync(actor, AuditPrefix + AlertAttemptOutcome.AuditVerb(result.Outcome), saved, new
        {
            saved.CustomerId,
            saved.TriggeredBy,
            Template = saved.TemplateName,
            SentTemplate = send.TemplateName,
            Result = result.Outcome.ToString(),
            send.ProviderMessageId,
            Fallback = send.UsedFallbackTemplate,
            send.ErrorCode,
            send.Error,
            Attempt = claimed.Attempts,
            result.RetryAt,
        }, ct).ConfigureAwait(false);
        return result;
    }

    private async Task<SendResult> SendAsync(Alert claimed, Customer customer, CancellationToken ct)
    {
        try
        {
            return await sender.SendTemplateAsync(AlertMessage.For(claimed, customer, options.Value.Helpline), ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // Unknown template or a value the mapping needs: retrying cannot help.
            return new SendResult(SendOutcome.Failed, null, claimed.TemplateName, Error: ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Alert {AlertId}: sending failed unexpectedly", claimed.Id);
            return new SendResult(SendOutcome.TransientFailure, null, claimed.TemplateName, Error: ex.Message);
        }
    }

    /// <summary>
    /// Stores the outcome over the claimed alert. A status webhook may have got there first (it can arrive before the
    /// API call returns); then its state stands and only the facts of the send are merged in.
    /// </summary>
    private async Task<Alert> SaveOutcomeAsync(Alert claimed, Alert outcome, SendResult send, CancellationToken ct)
    {
        var expected = claimed;
        var wanted = outcome;
        for (var round = 1; round <= MaxRounds; round++)
        {
            if (await TryUpdateAsync(wanted, expected, ct).ConfigureAwait(false))
            {
                return wanted;
            }

            var current = await store.Alerts.GetAsync(claimed.Id, ct).ConfigureAwait(false);
            if (current is null || current.Attempts != claimed.Attempts || current.Status == AlertStatus.Pending)
            {
                logger.LogWarning("Alert {AlertId} changed unexpectedly while attempt {Attempt} was recorded; keeping the stored state", claimed.Id, claimed.Attempts);
                return current ?? outcome;
            }

            if (!send.IsSent)
            {
                return current;
            }

            expected = current;
            wanted = current with
            {
                ProviderMessageId = current.ProviderMessageId ?? send.ProviderMessageId,
                SentAt = current.SentAt ?? outcome.SentAt,
                UsedFallbackTemplate = send.UsedFallbackTemplate,
                SendingAt = null,
            };
            if (wanted == current)
            {
                return current;
            }
        }

        return outcome;
    }

    private async Task<AlertDeliveryResult?> SuppressAsync(Alert alert, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var suppressed = alert with { Status = AlertStatus.Suppressed, FailureReason = reason, SendingAt = null, UpdatedAt = now };
        if (!await TryUpdateAsync(suppressed, alert, ct).ConfigureAwait(false))
        {
            return null;
        }

        logger.LogInformation("Alert {AlertId} for customer {CustomerId} suppressed: {Reason}", alert.Id, alert.CustomerId, reason);
        await audit.WriteAsync(actor, AuditPrefix + "suppressed", suppressed, new { alert.CustomerId, alert.TriggeredBy, Template = alert.TemplateName, Result = "Suppressed", Reason = reason }, ct)
            .ConfigureAwait(false);
        return new AlertDeliveryResult(alert.Id, AlertDeliveryOutcome.Suppressed, AlertStatus.Suppressed, Reason: reason);
    }

    private async Task<AlertDeliveryResult?> DeferAsync(Alert alert, DateTimeOffset until, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var deferred = alert with { NotBefore = until, UpdatedAt = now };
        if (!await TryUpdateAsync(deferred, alert, ct).ConfigureAwait(false))
        {
            return null;
        }

        logger.LogInformation("Alert {AlertId} deferred to {Until}: {Reason}", alert.Id, until, reason);
        await audit.WriteAsync(actor, AuditPrefix + "deferred", deferred, new { alert.CustomerId, alert.TriggeredBy, Template = alert.TemplateName, Result = "Deferred", Until = until, Reason = reason }, ct)
            .ConfigureAwait(false);
        return new AlertDeliveryResult(alert.Id, AlertDeliveryOutcome.Deferred, AlertStatus.Pending, until, reason);
    }

    /// <summary>
    /// When another alert was last sent to this alert's customer; one claimed for sending and still pending counts from
    /// its claim, as its message may be on its way (another process's delivery, or one that crashed mid-send).
    /// </summary>
    private async Task<DateTimeOffset?> LastContactAsync(Alert alert, CancellationToken ct)
    {
        var recent = await store.Alerts.ListForCustomerAsync(alert.CustomerId, 50, ct).ConfigureAwait(false);
        return recent
            .Where(a => a.Id != alert.Id)
            .Select(a => a.SentAt ?? (a.Status == AlertStatus.Pending ? a.SendingAt : null))
            .Max();
    }

    /// <summary>Compare-and-swap on the stored alert; every change that lands is published for live views.</summary>
    private async Task<bool> TryUpdateAsync(Alert updated, Alert expected, CancellationToken ct)
    {
        if (!await store.Alerts.TryUpdateAsync(updated, expected, ct).ConfigureAwait(false))
        {
            return false;
        }

        events.Publish(new AlertChanged(updated));
        return true;
    }

    private DateTimeOffset Now() => AlertTime.Now(time);
}
