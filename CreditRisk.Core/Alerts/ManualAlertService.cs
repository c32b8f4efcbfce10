using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Alerts;

/// <summary>
/// An admin's "Send WhatsApp alert": says beforehand when the message would go and what was sent lately, then creates
/// a manual alert and delivers it at once. Skips the cooldown and the daily cap, never the opt-in; quiet hours (in
/// the customer's time zone) still defer it, and the outbox sweep sends it when due. A send within
/// <see cref="AlertDeliveryOptions.RepeatSendConfirmHours"/> of the last message must name that message as confirmed.
/// </summary>
public sealed class ManualAlertService(
    ICustomerRepository customers,
    IAlertRepository alerts,
    AlertDeliveryService delivery,
    AlertAudit audit,
    IAlertEventPublisher events,
    IOptions<AlertDeliveryOptions> options,
    TimeProvider time)
{
    /// <summary>Audit action of a manual alert's creation.</summary>
    public const string CreatedAction = "alerts.manual.created";

    /// <summary>Audit action of an admin sending again within the repeat period, naming the message they overrode.</summary>
    public const string RepeatConfirmedAction = "alerts.manual.repeat-confirmed";

    // Enough to find the newest message that was not suppressed behind a run of suppressed automatic alerts.
    private const int RecentScan = 20;

    /// <summary>What a send would do now; null when there is no such customer.</summary>
    public async Task<ManualSendPreview?> PreviewAsync(string customerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var customer = await customers.GetAsync(customerId, ct).ConfigureAwait(false);
        if (customer is null)
        {
            return null;
        }

        var now = AlertTime.Now(time);
        var quiet = QuietHours.For(customer, options.Value);
        var sendsAt = quiet.NextAllowed(now);
        return new ManualSendPreview(
            customer.Id,
            sendsAt,
            sendsAt <= now,
            sendsAt <= now ? null : quiet.Describe(),
            quiet.Zone.Id,
            quiet.ToLocal(sendsAt),
            quiet.Zone.Id == customer.TimeZone,
            await RecentMessageAsync(customerId, now, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Creates and delivers a manual alert. When a message went to the customer within the repeat period and
    /// <paramref name="confirmedRepeatOf"/> is not its id, nothing is sent: the result is
    /// <see cref="AlertDeliveryOutcome.ConfirmationRequired"/> naming that message.
    /// </summary>
    /// <param name="customerId">The customer to alert.</param>
    /// <param name="reason">The principal reason shown to the customer.</param>
    /// <param name="adminUserName">Who sends it, for the alert and the audit log.</param>
    /// <param name="confirmedRepeatOf">The id of the recent message the admin saw in the confirmation, or null.</param>
    /// <param name="ct">Cancels the send.</param>
    public async Task<AlertDeliveryResult> SendAsync(
        string customerId, string reason, string adminUserName, string? confirmedRepeatOf = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrEmpty(adminUserName);
        if (await customers.GetAsync(customerId, ct).ConfigureAwait(false) is null)
        {
            return new AlertDeliveryResult("", AlertDeliveryOutcome.NotFound, AlertStatus.Pending, Reason: $"No customer '{customerId}'.");
        }

        var now = AlertTime.Now(time);
        var recent = await RecentMessageAsync(customerId, now, ct).ConfigureAwait(false);
        if (recent is not null && !string.Equals(recent.Id, confirmedRepeatOf, StringComparison.Ordinal))
        {
            return new AlertDeliveryResult(
                recent.Id, AlertDeliveryOutcome.ConfirmationRequired, recent.Status,
                Reason: $"A message went to this customer at {recent.SentAt ?? recent.CreatedAt:u} ({recent.Status}); confirm to send another.");
        }

        var alert = new Alert
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            CustomerId = customerId,
            Reason = reason.Trim(),
            TemplateName = options.Value.ManualTemplateKey,
            Status = AlertStatus.Pending,
            TriggeredBy = adminUserName,
            EscalationKey = null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await alerts.TryAddAsync(alert, ct).ConfigureAwait(false);
        events.Publish(new AlertChanged(alert));
        await audit.WriteAsync(adminUserName, CreatedAction, alert, new { alert.CustomerId, alert.Reason, Template = alert.TemplateName }, ct).ConfigureAwait(false);
        if (recent is not null)
        {
            await audit.WriteAsync(adminUserName, RepeatConfirmedAction, alert, new
            {
                alert.CustomerId,
                PreviousAlertId = recent.Id,
                PreviousStatus = recent.Status.ToString(),
                PreviousAt = recent.SentAt ?? recent.CreatedAt,
                PeriodHours = options.Value.RepeatSendConfirmHours,
            }, ct).ConfigureAwait(false);
        }

        return await delivery.DeliverAsync(alert.Id, adminUserName, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The newest message to the customer (anything but a suppressed alert, for which nothing was sent) sent or, when
    /// not sent yet, created within the repeat period; null when there is none or the period is 0.
    /// </summary>
    private async Task<Alert?> RecentMessageAsync(string customerId, DateTimeOffset now, CancellationToken ct)
    {
        var hours = options.Value.RepeatSendConfirmHours;
        if (hours <= 0)
        {
            return null;
        }

        var since = now - TimeSpan.FromHours(hours);
        // The latest by when it went out, not by creation: an older alert held back (daily cap, a refused token) can have
        // been sent after a newer one that is still pending.
        var latest = (await alerts.ListForCustomerAsync(customerId, RecentScan, ct).ConfigureAwait(false))
            .Where(a => a.Status != AlertStatus.Suppressed)
            .MaxBy(a => a.SentAt ?? a.CreatedAt);
        return latest is not null && (latest.SentAt ?? latest.CreatedAt) >= since ? latest : null;
    }
}
