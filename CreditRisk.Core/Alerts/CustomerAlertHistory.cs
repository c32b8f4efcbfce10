using CreditRisk.Core.Messaging;

namespace CreditRisk.Core.Alerts;

/// <summary>A customer's outreach: the alerts sent to them and what they wrote back.</summary>
/// <param name="Alerts">Alerts, newest first.</param>
/// <param name="Replies">Messages received from the customer, newest first.</param>
/// <param name="ServiceWindowOpenUntil">
/// End of WhatsApp's 24-hour customer-service window opened by their latest message (free-form replies allowed until
/// then); null when it is closed.
/// </param>
public sealed record CustomerAlertHistory(
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<InboundMessage> Replies,
    DateTimeOffset? ServiceWindowOpenUntil);
