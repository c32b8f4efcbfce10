namespace CreditRisk.Core.Alerts;

/// <summary>
/// Applies delivery statuses reported by WhatsApp to an alert, monotonically: pending → sent → delivered → read, so a
/// late or repeated status never moves an alert back (a <c>delivered</c> arriving after <c>read</c> only fills in
/// the delivery time). <c>failed</c> ends a pending or sent alert but never one already delivered or read.
/// </summary>
public static class AlertStatusTransitions
{
    /// <summary>
    /// The alert after <paramref name="reported"/> at <paramref name="at"/>, or null when it changes nothing.
    /// Suppressed alerts never change: nothing was sent for them.
    /// </summary>
    /// <param name="alert">The stored alert.</param>
    /// <param name="reported">Sent, Delivered, Read or Failed.</param>
    /// <param name="at">When WhatsApp says it happened.</param>
    /// <param name="providerMessageId">The message the status is about; recorded when the alert has none yet.</param>
    /// <param name="failureReason">Why it failed, for <see cref="AlertStatus.Failed"/>.</param>
    /// <param name="now">Time of the update.</param>
    public static Alert? Apply(Alert alert, AlertStatus reported, DateTimeOffset at, string providerMessageId, string? failureReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Status == AlertStatus.Suppressed)
        {
            return null;
        }

        var updated = reported switch
        {
            AlertStatus.Sent or AlertStatus.Delivered or AlertStatus.Read => Progress(alert, reported, at),
            AlertStatus.Failed => Fail(alert, at, failureReason),
            _ => throw new ArgumentOutOfRangeException(nameof(reported), reported, "Only sent, delivered, read and failed are reported."),
        };

        if (updated is null)
        {
            return null;
        }

        updated = updated with { ProviderMessageId = alert.ProviderMessageId ?? providerMessageId };
        if (updated.Status != AlertStatus.Pending)
        {
            updated = updated with { SendingAt = null };
        }

        return updated == alert ? null : updated with { UpdatedAt = now };
    }

    /// <summary>Position in the delivery funnel; failed and suppressed are outside it.</summary>
    public static int Rank(AlertStatus status) => status switch
    {
        AlertStatus.Pending => 0,
        AlertStatus.Sent => 1,
        AlertStatus.Delivered => 2,
        AlertStatus.Read => 3,
        _ => -1,
    };

    private static Alert? Progress(Alert alert, AlertStatus reported, DateTimeOffset at)
    {
        // A failed alert only moves on with proof the customer got it; a bare "sent" proves nothing.
        if (alert.Status == AlertStatus.Failed && reported == AlertStatus.Sent)
        {
            return null;
        }

        var status = alert.Status == AlertStatus.Failed || Rank(reported) > Rank(alert.Status) ? reported : alert.Status;

        // Each later stage implies the earlier ones; a reported stage's own time wins over one inferred from a later stage.
        return alert with
        {
            Status = status,
            SentAt = alert.SentAt ?? at,
            DeliveredAt = reported switch
            {
                AlertStatus.Delivered => Earliest(alert.DeliveredAt, at),
                AlertStatus.Read => alert.DeliveredAt ?? at,
                _ => alert.DeliveredAt,
            },
            ReadAt = reported == AlertStatus.Read ? Earliest(alert.ReadAt, at) : alert.ReadAt,
        };
    }

    private static Alert? Fail(Alert alert, DateTimeOffset at, string? failureReason) =>
        alert.Status is AlertStatus.Pending or AlertStatus.Sent
            ? alert with
            {
                Status = AlertStatus.Failed,
                FailedAt = at,
                FailureReason = failureReason ?? "WhatsApp reported the message as failed",
            }
            : null;

    private static DateTimeOffset Earliest(DateTimeOffset? current, DateTimeOffset reported) =>
        current is { } value && value <= reported ? value : reported;
}
