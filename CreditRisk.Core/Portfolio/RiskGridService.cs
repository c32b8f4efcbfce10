using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Portfolio;

/// <summary>
/// One row of the high-risk grid: the customer's current risk, contact consent and latest alert. CanSendAlert says
/// whether an admin may send a WhatsApp alert now; CannotSendReason says why not, in plain language.
/// </summary>
public sealed record RiskGridRow(
    string CustomerId,
    string CustomerName,
    RiskBand Band,
    double Score,
    IReadOnlyList<string> Reasons,
    DateTimeOffset AssessedAt,
    bool WhatsAppOptIn,
    AlertStatus? LastAlertStatus,
    DateTimeOffset? LastAlertAt,
    bool CanSendAlert,
    string? CannotSendReason)
{
    /// <summary>When the assessment was computed (<see cref="AssessedAt"/> is the time its data describes); null on old rows.</summary>
    public DateTimeOffset? ComputedAt { get; init; }

    /// <summary>When the customer's pending alert is due to go out (quiet hours, daily cap, retry); null when none waits.</summary>
    public DateTimeOffset? LastAlertSendsAt { get; init; }

    /// <summary>The customer's own IANA time zone, when their record has one.</summary>
    public string? TimeZone { get; init; }
}

public sealed record RiskGridPage(IReadOnlyList<RiskGridRow> Rows, long Total);

/// <summary>
/// The high-risk grid's data: a page of current risks (indexed store query) joined with the page's customers and their
/// latest alerts — a few lookups per page, whatever the portfolio size.
/// </summary>
public sealed class RiskGridService(ICreditRiskStore store)
{
    public async Task<RiskGridPage> GetPageAsync(CurrentRiskQuery query, CancellationToken ct = default)
    {
        var page = await store.Assessments.QueryCurrentPageAsync(query, ct).ConfigureAwait(false);
        var ids = page.Items.Select(r => r.CustomerId).ToList();
        var customers = await store.Customers.GetManyAsync(ids, ct).ConfigureAwait(false);
        var rows = new List<RiskGridRow>(page.Items.Count);
        foreach (var risk in page.Items)
        {
            var latest = (await store.Alerts.ListForCustomerAsync(risk.CustomerId, 1, ct).ConfigureAwait(false)).FirstOrDefault();
            var customer = customers.GetValueOrDefault(risk.CustomerId);
            rows.Add(ToRow(risk, customer?.FullName ?? risk.CustomerId, customer?.WhatsAppOptIn ?? false, latest) with
            {
                ComputedAt = risk.ComputedAt,
                LastAlertSendsAt = latest is { Status: AlertStatus.Pending, NotBefore: { } due } ? due : null,
                TimeZone = customer?.TimeZone,
            });
        }

        return new RiskGridPage(rows, page.Total);
    }

    /// <summary>The alert-button rule: recorded opt-in (never skipped) and no alert still waiting to go out.</summary>
    public static (bool CanSend, string? Reason) AlertEligibility(bool whatsAppOptIn, Alert? latest) =>
        !whatsAppOptIn ? (false, "No WhatsApp opt-in recorded for this customer.")
        : latest is { Status: AlertStatus.Pending } ? (false, "An alert is already pending for this customer.")
        : (true, null);

    private static RiskGridRow ToRow(CustomerRisk risk, string name, bool optIn, Alert? latest)
    {
        var (canSend, reason) = AlertEligibility(optIn, latest);
        return new RiskGridRow(
            risk.CustomerId, name, risk.Band, risk.Score, risk.Reasons, risk.AssessedAt, optIn,
            latest?.Status, latest?.UpdatedAt, canSend, reason);
    }
}
