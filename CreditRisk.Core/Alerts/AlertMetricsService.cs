using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Alerts;

/// <summary>Outreach metrics for dashboards: funnel, read rate, time from escalation to first contact.</summary>
public sealed class AlertMetricsService(ICreditRiskStore store, TimeProvider time)
{
    /// <summary>Default window of the time-to-contact median: 30 days.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    /// <summary>Most alerts the time-to-contact median reads.</summary>
    public const int MaxSample = 20_000;

    public async Task<AlertMetrics> GetAsync(TimeSpan? window = null, CancellationToken ct = default)
    {
        var counts = await store.Alerts.CountByStatusAsync(ct).ConfigureAwait(false);
        long Count(AlertStatus status) => counts.GetValueOrDefault(status);
        var read = Count(AlertStatus.Read);
        var delivered = Count(AlertStatus.Delivered) + read;
        var sent = Count(AlertStatus.Sent) + delivered;

        var since = time.GetUtcNow() - (window ?? DefaultWindow);
        var recent = await store.Alerts.ListSentSinceAsync(since, MaxSample, ct).ConfigureAwait(false);
        var delays = recent
            .Where(a => a.EscalationKey is not null && a.SentAt is not null)
            .Select(a => a.SentAt!.Value - a.CreatedAt)
            .Order()
            .ToList();

        return new AlertMetrics(
            counts,
            sent,
            delivered,
            read,
            sent == 0 ? null : (double)read / sent,
            sent == 0 ? null : (double)delivered / sent,
            Median(delays),
            delays.Count,
            since);
    }

    private static TimeSpan? Median(List<TimeSpan> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}
