using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Portfolio;

/// <summary>
/// Reads the <see cref="ScoreHistogram"/> from indexed counts of the current-risk rows (band and "score above"), never
/// by reading the customers: a handful of counts to fit the range, then one count a band per bin edge.
/// </summary>
public static class ScoreHistogramReader
{
    /// <summary>The range ends at the lowest round top with at most this share of customers above it.</summary>
    public const double TailShare = 0.01;

    private static readonly RiskBand[] s_bands = [RiskBand.Low, RiskBand.Medium, RiskBand.High];

    /// <summary>
    /// The histogram in <paramref name="bins"/> bins up to the lowest round top at or above <paramref name="showAtLeast"/>
    /// (a score the range must reach, e.g. a little above the High cut-off, so both cut-offs fall inside it) with at
    /// most <see cref="TailShare"/> of the customers above it; 0–1 when no lower top does.
    /// </summary>
    public static async Task<ScoreHistogram> ReadAsync(IRiskAssessmentRepository assessments, int bins, double showAtLeast, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var total = await assessments.CountCurrentAsync(null, double.MinValue, ct).ConfigureAwait(false);
        if (total == 0)
        {
            return ScoreHistogram.Empty;
        }

        var top = await TopAsync(assessments, total, showAtLeast, ct).ConfigureAwait(false);

        // Per band: its total and its count above each inner edge; the last bin keeps whatever lies above the top.
        var counts = new IReadOnlyList<long>[s_bands.Length];
        for (var b = 0; b < s_bands.Length; b++)
        {
            var bandTotal = await assessments.CountCurrentAsync(s_bands[b], double.MinValue, ct).ConfigureAwait(false);
            var above = new long[bins - 1];
            for (var i = 1; i < bins; i++)
            {
                above[i - 1] = await assessments.CountCurrentAsync(s_bands[b], Math.BitIncrement(top * i / bins), ct).ConfigureAwait(false);
            }

            counts[b] = ScoreBinCounts.FromCountsAbove(bandTotal, above);
        }

        return new ScoreHistogram(top, [.. Enumerable.Range(0, bins).Select(i => new ScoreBin(
            top * i / bins, top * (i + 1) / bins, counts[0][i], counts[1][i], counts[2][i]))]);
    }

    private static async Task<double> TopAsync(IRiskAssessmentRepository assessments, long total, double showAtLeast, CancellationToken ct)
    {
        foreach (var top in ScoreScale.Tops)
        {
            if (top >= 1)
            {
                break;
            }

            if (top >= showAtLeast && await assessments.CountCurrentAsync(null, Math.BitIncrement(top), ct).ConfigureAwait(false) <= TailShare * total)
            {
                return top;
            }
        }

        return 1;
    }
}
