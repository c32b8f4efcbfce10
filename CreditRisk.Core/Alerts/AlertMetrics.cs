namespace CreditRisk.Core.Alerts;

/// <summary>The WhatsApp outreach funnel and its rates.</summary>
/// <param name="ByStatus">Alerts currently in each status (every status present).</param>
/// <param name="ReachedSent">Alerts accepted by WhatsApp: now sent, delivered or read.</param>
/// <param name="ReachedDelivered">Alerts delivered to the phone: now delivered or read.</param>
/// <param name="ReachedRead">Alerts read.</param>
/// <param name="ReadRate">Read ÷ reached sent (0–1); null before any alert was sent. The brief's industry reference is 0.60–0.70.</param>
/// <param name="DeliveryRate">Delivered ÷ reached sent (0–1); null before any alert was sent.</param>
/// <param name="MedianTimeToFirstContact">
/// Median time from escalation (the automatic alert's creation) to the message being sent, over automatic alerts
/// sent since <paramref name="Since"/>; null when there are none.
/// </param>
/// <param name="TimeToContactSample">How many alerts that median is over.</param>
/// <param name="Since">Start of the time-to-contact window.</param>
public sealed record AlertMetrics(
    IReadOnlyDictionary<AlertStatus, long> ByStatus,
    long ReachedSent,
    long ReachedDelivered,
    long ReachedRead,
    double? ReadRate,
    double? DeliveryRate,
    TimeSpan? MedianTimeToFirstContact,
    int TimeToContactSample,
    DateTimeOffset Since);
