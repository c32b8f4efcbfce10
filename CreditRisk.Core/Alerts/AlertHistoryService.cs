using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Alerts;

/// <summary>Reads a customer's alert history with their replies, for the customer and admin views.</summary>
public sealed class AlertHistoryService(ICreditRiskStore store, TimeProvider time)
{
    /// <summary>Length of WhatsApp's customer-service window after a customer's message.</summary>
    public static readonly TimeSpan ServiceWindow = TimeSpan.FromHours(24);

    public async Task<CustomerAlertHistory> GetAsync(string customerId, int take = 50, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var alerts = await store.Alerts.ListForCustomerAsync(customerId, take, ct).ConfigureAwait(false);
        var replies = await store.InboundMessages.ListForCustomerAsync(customerId, take, ct).ConfigureAwait(false);
        var windowEnd = replies.Count > 0 ? replies[0].ReceivedAt + ServiceWindow : (DateTimeOffset?)null;
        return new CustomerAlertHistory(alerts, replies, windowEnd > time.GetUtcNow() ? windowEnd : null);
    }
}
