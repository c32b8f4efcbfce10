using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Portfolio;

/// <summary>
/// Computes a <see cref="PortfolioSnapshot"/> from indexed counts (bands, score thresholds, alert statuses) and the
/// band changes of the window — never by reading every customer or the assessment history.
/// </summary>
public sealed class PortfolioSnapshotBuilder(
    ICreditRiskStore store,
    AlertMetricsService alertMetrics,
    IChampionModelProvider champion,
    IOptions<PortfolioOptions> options,
    IOptions<BandingOptions> banding,
    TimeProvider time)
{
    private static readonly RiskBand[] s_bands = [RiskBand.Low, RiskBand.Medium, RiskBand.High];

    public async Task<PortfolioSnapshot> BuildAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var bands = await store.Assessments.CountByBandAsync(ct).ConfigureAwait(false);
        var model = await champion.GetChampionAsync(ct).ConfigureAwait(false);
        var cutoffs = BandCutoffResolver.Resolve(banding.Value, model);
        var histogram = await ScoreHistogramReader.ReadAsync(
            store.Assessments, settings.HistogramBins, ScoreScale.CutoffHeadroom * cutoffs.Cutoffs.HighFrom, ct).ConfigureAwait(false);

        var windowDays = Math.Max(settings.TrendDays, settings.MigrationDays);
        var changes = await store.Assessments.ListBandChangesSinceAsync(now.AddDays(-windowDays), settings.MaxBandChanges, ct).ConfigureAwait(false);
        var truncated = changes.Count >= settings.MaxBandChanges;

        // Newest first: past the limit the window is complete only back to the oldest change read.
        DateTimeOffset? completeSince = truncated ? changes[^1].At : null;

        return new PortfolioSnapshot(
            now,
            await store.Customers.CountAsync(ct).ConfigureAwait(false),
            bands,
            histogram,
            cutoffs,
            HighRiskTrend(bands.GetValueOrDefault(RiskBand.High), changes, now, settings.TrendDays, completeSince),
            Migration(bands, changes, now.AddDays(-settings.MigrationDays), truncated),
            await alertMetrics.GetAsync(ct: ct).ConfigureAwait(false),
            await ChampionAsync(model, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Walks back from today's High count: a change into High after a day's end was not yet there, one out of High was.
    /// With <paramref name="completeSince"/> (the changes were cut at the read limit), only days ending after it are
    /// drawn: an earlier day's count would miss the changes left unread.
    /// </summary>
    public static IReadOnlyList<DailyCount> HighRiskTrend(
        long highNow, IReadOnlyList<RiskBandChange> changes, DateTimeOffset now, int days, DateTimeOffset? completeSince = null)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var points = new List<DailyCount>(days);
        var byTimeDescending = changes.OrderByDescending(c => c.At).ToList();
        var next = 0;
        var high = highNow;
        for (var d = 0; d < days; d++)
        {
            var day = today.AddDays(-d);
            var endOfDay = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (endOfDay < completeSince)
            {
                break;
            }

            for (; next < byTimeDescending.Count && byTimeDescending[next].At >= endOfDay; next++)
            {
                var change = byTimeDescending[next];
                high += (change.From == RiskBand.High ? 1 : 0) - (change.To == RiskBand.High ? 1 : 0);
            }

            points.Add(new DailyCount(day, high));
        }

        points.Reverse();
        return points;
    }

    /// <summary>Customers who changed band since <paramref name="since"/> move from their first change's origin to their last change's band; the rest stay.</summary>
    public static BandMigration Migration(IReadOnlyDictionary<RiskBand, long> bandsNow, IReadOnlyList<RiskBandChange> changes, DateTimeOffset since, bool truncated)
    {
        var counts = new long[4][];
        for (var r = 0; r < counts.Length; r++)
        {
            counts[r] = new long[3];
        }

        var moved = new long[3];
        foreach (var customer in changes.Where(c => c.At >= since).GroupBy(c => c.CustomerId, StringComparer.Ordinal))
        {
            var ordered = customer.OrderBy(c => c.At).ToList();
            var row = ordered[0].From is { } from ? Index(from) : BandMigration.NewRow;
            var column = Index(ordered[^1].To);
            counts[row][column]++;
            moved[column]++;
        }

        foreach (var band in s_bands)
        {
            var i = Index(band);
            counts[i][i] += Math.Max(0, bandsNow.GetValueOrDefault(band) - moved[i]);
        }

        return new BandMigration(since, counts, truncated);
    }

    private static int Index(RiskBand band) => Array.IndexOf(s_bands, band);

    /// <summary>
    /// The champion and the stability of its scores: only customers it scored count (<see cref="CustomerRisk.ModelVersion"/>),
    /// against the training scores' deciles — customers scored by the rules alone, by the snapshot model or by a previous
    /// champion until the nightly re-score are another population, and would read as drift.
    /// </summary>
    private async Task<ChampionSummary?> ChampionAsync(IRiskModel? model, CancellationToken ct)
    {
        if (model is null)
        {
            return null;
        }

        var reference = model is EnsembleRiskModel { TrainingScores: { Shares.Count: > 1 } scores } ? scores : null;
        var counts = await store.Assessments.CountCurrentScoresOfModelAsync(model.Version, reference?.Edges ?? [], ct).ConfigureAwait(false);
        var scored = counts.Sum();
        if (reference is null || scored == 0)
        {
            return new ChampionSummary(model.Version, null, null, scored);
        }

        var psi = PopulationStability.Index(reference.Shares, [.. counts.Select(count => (double)count / scored)]);
        return new ChampionSummary(model.Version, psi, PopulationStability.Read(psi), scored);
    }
}
