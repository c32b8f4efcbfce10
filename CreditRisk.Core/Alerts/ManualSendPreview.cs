namespace CreditRisk.Core.Alerts;

/// <summary>What an admin's "Send WhatsApp Alert" would do now, shown in its confirmation before anything is sent.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="SendsAt">When the message would go out (UTC): now, or the end of the customer's quiet hours.</param>
/// <param name="SendsNow">True when nothing holds it back.</param>
/// <param name="WaitReason">Why it waits (quiet hours in the customer's zone); null when it goes now.</param>
/// <param name="TimeZoneId">The customer's time zone, or the configured default when their record has none.</param>
/// <param name="LocalSendsAt">Wall-clock time in <paramref name="TimeZoneId"/> at which it goes out.</param>
/// <param name="CustomerZone">True when the zone came from the customer record rather than the default.</param>
/// <param name="RecentMessage">
/// The last message to the customer within <see cref="AlertDeliveryOptions.RepeatSendConfirmHours"/>; sending again
/// needs its id as confirmation. Null when there is none.
/// </param>
public sealed record ManualSendPreview(
    string CustomerId,
    DateTimeOffset SendsAt,
    bool SendsNow,
    string? WaitReason,
    string TimeZoneId,
    DateTime LocalSendsAt,
    bool CustomerZone,
    Alert? RecentMessage)
{
    /// <summary>When the recent message went out, or was created when it never did.</summary>
    public DateTimeOffset? RecentMessageAt => RecentMessage is { } m ? m.SentAt ?? m.CreatedAt : null;
}
