using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

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
    /// <summary>
    /// No model scored the customer (none in force for their kind of data): the expert rules alone set the band, and
    /// <see cref="Score"/> is only the band's stand-in for ordering (<see cref="CustomerRiskProjection.ScoreForBand"/>),
    /// not a probability, so pages must not show it as one.
    /// </summary>
    public bool RulesOnly { get; init; }

    /// <summary>Balance as % of the limit at the latest assessment; null when unknown.</summary>
    public double? UtilisationPct { get; init; }

    /// <summary>
    /// The past-due position counted to the assessment's data day (<see cref="PastDuePosition.ReferenceDay"/>), the day
    /// the rule's reason in <see cref="Reasons"/> was written for; null when not read.
    /// </summary>
    public PastDuePosition? PastDue { get; init; }

    /// <summary>Days past due on <see cref="PastDuePosition.AsOf"/> as the past-due rule counts them; 0 when up to date.</summary>
    public int DaysPastDue => PastDue?.DaysPastDue ?? 0;

    /// <summary>When the assessment was computed (<see cref="AssessedAt"/> is the time its data describes); null on old rows.</summary>
    public DateTimeOffset? ComputedAt { get; init; }

    /// <summary>When the customer's pending alert is due to go out (quiet hours, daily cap, retry); null when none waits.</summary>
    public DateTimeOffset? LastAlertSendsAt { get; init; }

    /// <summary>The customer's own IANA time zone, when their record has one.</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// The principal reason in the customer's words (<see cref="CustomerReasons"/>), what a manual alert tells them;
    /// null when the assessment was not read or is Low. <see cref="Reasons"/> are the staff's and never go to customers.
    /// </summary>
    public string? CustomerReason { get; init; }
}

/// <param name="Rows">The page's rows.</param>
/// <param name="Total">Rows across all pages.</param>
/// <param name="SearchCapped">
/// The search matched more than <see cref="RiskGridService.MaxSearchMatches"/> customers, so only the first of them (by
/// id) were filtered and counted: <paramref name="Total"/> is a floor, and the page must say so.
/// </param>
public sealed record RiskGridPage(IReadOnlyList<RiskGridRow> Rows, long Total, bool SearchCapped = false);

/// <summary>
/// The high-risk grid's data: a page of current risks (indexed store query) joined with the page's customers, their
/// latest alerts, the current assessments (utilisation) and recent statements (days past due) — one batched read of
/// each per page, however many rows it holds, and whatever the portfolio size. A search by id, name or phone first finds at most <see cref="MaxSearchMatches"/>
/// customers, then applies the same filters, order and paging to their current risks in memory; a search that matches more
/// says so (<see cref="RiskGridPage.SearchCapped"/>) rather than passing a part for the whole.
/// </summary>
public sealed class RiskGridService(
    ICustomerRepository customers,
    IRiskAssessmentRepository assessments,
    IAlertRepository alerts,
    PastDueReader pastDue)
{
    /// <summary>Customers a search looks at; a narrower search finds the rest.</summary>
    public const int MaxSearchMatches = 200;

    /// <summary>Rows read per store query while exporting.</summary>
    public const int ExportBatchSize = 500;

    public Task<RiskGridPage> GetPageAsync(CurrentRiskQuery query, CancellationToken ct = default) => GetPageAsync(query, null, ct);

    /// <param name="query">Filters, order and the page.</param>
    /// <param name="search">Customer id prefix, part of the name (any case) or of the phone; null or blank = no search.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<RiskGridPage> GetPageAsync(CurrentRiskQuery query, string? search, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(search))
        {
            var page = await assessments.QueryCurrentPageAsync(query, ct).ConfigureAwait(false);
            return new RiskGridPage(await ToRowsAsync(page.Items, ct).ConfigureAwait(false), page.Total);
        }

        var (matches, capped) = await SearchAsync(query, search, ct).ConfigureAwait(false);
        var shown = matches.Skip(query.Skip).Take(query.Take).ToList();
        return new RiskGridPage(await ToRowsAsync(shown, ct).ConfigureAwait(false), matches.Count, capped);
    }

    /// <summary>Whether <paramref name="search"/> matches more customers than a search looks at.</summary>
    public async Task<bool> SearchIsCappedAsync(string? search, CancellationToken ct = default) =>
        !string.IsNullOrWhiteSpace(search) && (await FindCustomersAsync(search, ct).ConfigureAwait(false)).Capped;

    // One more than the cap tells "exactly 200" from "more than 200".
    private async Task<(IEnumerable<Customer> Found, bool Capped)> FindCustomersAsync(string search, CancellationToken ct)
    {
        var found = await customers.SearchAsync(search, MaxSearchMatches + 1, ct).ConfigureAwait(false);
        return (found.Take(MaxSearchMatches), found.Count > MaxSearchMatches);
    }

    /// <summary>
    /// Every row the grid would show for these filters, in its order, read in batches (for the CSV export), each
    /// customer once. Scores change while a long export runs (live ingestion, the nightly re-score), which shifts
    /// offsets: a customer re-scored from the first batch into the second pushed an unchanged customer across the
    /// boundary, who was then left out. Score orders therefore continue from the last score read (the part of its tie
    /// run already written skipped by count); a customer whose own score moved is written where it was first read.
    /// </summary>
    public async IAsyncEnumerable<RiskGridRow> StreamAsync(
        CurrentRiskQuery query, string? search, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var next = query with { Skip = 0, Take = ExportBatchSize };
        while (true)
        {
            var page = await GetPageAsync(next, search, ct).ConfigureAwait(false);
            foreach (var row in page.Rows.Where(row => written.Add(row.CustomerId)))
            {
                yield return row;
            }

            if (page.Rows.Count < ExportBatchSize)
            {
                yield break;
            }

            next = After(next, page.Rows);
        }
    }

    /// <summary>The query for the batch after <paramref name="rows"/>, read by <paramref name="query"/>.</summary>
    private static CurrentRiskQuery After(CurrentRiskQuery query, IReadOnlyList<RiskGridRow> rows)
    {
        var last = rows[^1].Score;
        var tied = rows.Count(row => row.Score == last);
        return query.Sort switch
        {
            // A batch that is all one tie run, read from that same bound, adds to the run's count.
            CurrentRiskSort.ScoreDescending => query with { MaxScore = last, Skip = tied + (query.MaxScore == last ? query.Skip : 0) },
            CurrentRiskSort.ScoreAscending => query with { MinScore = last, Skip = tied + (query.MinScore == last ? query.Skip : 0) },
            _ => query with { Skip = query.Skip + rows.Count },
        };
    }

    private async Task<(List<CustomerRisk> Matches, bool Capped)> SearchAsync(CurrentRiskQuery query, string search, CancellationToken ct)
    {
        var (found, capped) = await FindCustomersAsync(search, ct).ConfigureAwait(false);
        var risks = await assessments.GetCurrentManyAsync([.. found.Select(c => c.Id)], ct).ConfigureAwait(false);
        var withStatus = query.AlertStatus is { } status
            ? await alerts.CustomersWithStatusAsync([.. risks.Keys], status, ct).ConfigureAwait(false)
            : null;
        var matches = risks.Values
            .Where(risk => (query.Band is null || risk.Band == query.Band) && risk.Score >= query.MinScore && risk.Score <= query.MaxScore
                && (query.RuleId is null || risk.RuleIds.Contains(query.RuleId, StringComparer.Ordinal))
                && (withStatus is null || withStatus.Contains(risk.CustomerId)))
            .ToList();

        List<CustomerRisk> sorted = query.Sort switch
        {
            CurrentRiskSort.AssessedAtDescending => [.. matches.OrderByDescending(r => r.AssessedAt).ThenBy(r => r.CustomerId, StringComparer.Ordinal)],
            CurrentRiskSort.AssessedAtAscending => [.. matches.OrderBy(r => r.AssessedAt).ThenBy(r => r.CustomerId, StringComparer.Ordinal)],
            CurrentRiskSort.CustomerIdDescending => [.. matches.OrderByDescending(r => r.CustomerId, StringComparer.Ordinal)],
            CurrentRiskSort.CustomerIdAscending => [.. matches.OrderBy(r => r.CustomerId, StringComparer.Ordinal)],
            CurrentRiskSort.ScoreAscending => [.. matches.OrderBy(r => r.Score).ThenBy(r => r.CustomerId, StringComparer.Ordinal)],
            _ => [.. matches.OrderByDescending(r => r.Score).ThenBy(r => r.CustomerId, StringComparer.Ordinal)],
        };
        return (sorted, capped);
    }

    private async Task<List<RiskGridRow>> ToRowsAsync(IReadOnlyList<CustomerRisk> risks, CancellationToken ct)
    {
        // One batched read per kind for the whole page: a row never triggers store calls of its own.
        var ids = risks.Select(r => r.CustomerId).ToList();
        var people = await customers.GetManyAsync(ids, ct).ConfigureAwait(false);
        var latestAlerts = await alerts.GetLatestForCustomersAsync(ids, ct).ConfigureAwait(false);
        var current = await assessments.GetManyAsync([.. risks.Select(r => r.AssessmentId)], ct).ConfigureAwait(false);
        var positions = await pastDue.GetManyAsync([.. risks.Select(r => (r.CustomerId, (DateTimeOffset?)r.AssessedAt))], ct).ConfigureAwait(false);
        var rows = new List<RiskGridRow>(risks.Count);
        foreach (var risk in risks)
        {
            var latest = latestAlerts.GetValueOrDefault(risk.CustomerId);
            var customer = people.GetValueOrDefault(risk.CustomerId);
            var assessment = current.GetValueOrDefault(risk.AssessmentId);
            rows.Add(ToRow(risk, customer?.FullName ?? risk.CustomerId, customer?.WhatsAppOptIn ?? false, latest) with
            {
                // The row's own assessment: the band, score and reasons beside it come from the same one.
                UtilisationPct = assessment?.Features.FirstOrDefault(f => f.Name == Features.FeatureNames.UtilisationPct)?.Value,
                CustomerReason = assessment is null ? null : CustomerReasons.Of(assessment).FirstOrDefault(),
                // Counted to the assessment's data day, the day the rule's reason in the next column was written for.
                PastDue = positions.GetValueOrDefault(risk.CustomerId),
                ComputedAt = risk.ComputedAt,
                LastAlertSendsAt = latest is { Status: AlertStatus.Pending, NotBefore: { } due } ? due : null,
                TimeZone = customer?.TimeZone,
            });
        }

        return rows;
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
            latest?.Status, latest is null ? null : StatusTime(latest), canSend, reason)
        {
            RulesOnly = risk.ModelVersion is null,
        };
    }

    /// <summary>
    /// When the alert reached the status shown beside it: "Read" at the time WhatsApp reported it read, not when the
    /// record was last written (a late "delivered" receipt, or the demo's replayed statuses, wrote it later; the grid
    /// read "Read 6 Dec 14:32" beside a customer page saying the message was read on 5 Dec).
    /// </summary>
    internal static DateTimeOffset StatusTime(Alert alert) => alert.Status switch
    {
        AlertStatus.Sent => alert.SentAt,
        AlertStatus.Delivered => alert.DeliveredAt,
        AlertStatus.Read => alert.ReadAt,
        AlertStatus.Failed => alert.FailedAt,
        _ => null,
    } ?? alert.UpdatedAt;
}
