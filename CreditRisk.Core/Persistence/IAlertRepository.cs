using CreditRisk.Core.Alerts;

namespace CreditRisk.Core.Persistence;

public interface IAlertRepository
{
    /// <summary>
    /// Stores a new alert. Returns false, storing nothing, when an alert with the same non-null
    /// <see cref="Alert.EscalationKey"/> already exists (one alert per escalation), or one with the same id.
    /// Any number of alerts may have a null escalation key.
    /// </summary>
    Task<bool> TryAddAsync(Alert alert, CancellationToken ct = default);

    /// <summary>
    /// Stores each of <paramref name="alerts"/> as <see cref="TryAddAsync"/> would, in one write where the store allows
    /// (the nightly re-score raises thousands): an alert whose id or non-null escalation key is already stored, or taken
    /// by an earlier alert of the list, is left out. Returns the ids stored.
    /// </summary>
    Task<IReadOnlySet<string>> TryAddManyAsync(IReadOnlyList<Alert> alerts, CancellationToken ct = default);

    Task<Alert?> GetAsync(string id, CancellationToken ct = default);

    Task<Alert?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken ct = default);

    /// <summary>Replaces the stored alert if its status and attempts are still those of <paramref name="expected"/>; false otherwise.</summary>
    Task<bool> TryUpdateAsync(Alert updated, Alert expected, CancellationToken ct = default);

    /// <summary>
    /// Alerts in <paramref name="status"/> created strictly before <paramref name="createdBefore"/>, oldest first (by
    /// creation time, then id). With <paramref name="after"/>, only those after it in that order: the next page of a
    /// scan that has read up to <paramref name="after"/>.
    /// </summary>
    Task<IReadOnlyList<Alert>> ListByStatusAsync(
        AlertStatus status, DateTimeOffset createdBefore, int take, Alert? after = null, CancellationToken ct = default);

    /// <summary>A customer's alerts, newest first.</summary>
    Task<IReadOnlyList<Alert>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default);

    /// <summary>
    /// Each customer's newest alert (the first of <see cref="ListForCustomerAsync"/>) in one read, keyed by customer id;
    /// customers without alerts are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, Alert>> GetLatestForCustomersAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default);

    /// <summary>
    /// Which of <paramref name="customerIds"/> have any alert in <paramref name="status"/>, in one read: the grid's
    /// alert filter over a search's matches, with the same meaning as the filter over the whole portfolio.
    /// </summary>
    Task<IReadOnlySet<string>> CustomersWithStatusAsync(IReadOnlyCollection<string> customerIds, AlertStatus status, CancellationToken ct = default);

    /// <summary>How many alerts have a <see cref="Alert.SentAt"/> at or after <paramref name="since"/> (daily caps).</summary>
    Task<long> CountSentSinceAsync(DateTimeOffset since, CancellationToken ct = default);

    /// <summary>Alerts with a <see cref="Alert.SentAt"/> at or after <paramref name="since"/>, earliest sent first (delivery metrics).</summary>
    Task<IReadOnlyList<Alert>> ListSentSinceAsync(DateTimeOffset since, int take, CancellationToken ct = default);

    /// <summary>How many alerts are in each status; every status is present, with 0 when none.</summary>
    Task<IReadOnlyDictionary<AlertStatus, long>> CountByStatusAsync(CancellationToken ct = default);
}
