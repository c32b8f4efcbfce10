namespace CreditRisk.Core.Persistence;

/// <summary>Per-bin score counts (the PSI's <see cref="IRiskAssessmentRepository.CountCurrentScoresOfModelAsync"/>, the portfolio histogram) from a total and indexed "score above edge" counts.</summary>
internal static class ScoreBinCounts
{
    /// <param name="total">Every score counted.</param>
    /// <param name="above">For each upper edge, ascending, how many scores lie above it.</param>
    public static IReadOnlyList<long> FromCountsAbove(long total, IReadOnlyList<long> above)
    {
        var bins = new long[above.Count + 1];
        var previous = total;
        for (var i = 0; i < above.Count; i++)
        {
            bins[i] = previous - above[i];
            previous = above[i];
        }

        bins[^1] = previous;
        return bins;
    }

    /// <summary>Adds <paramref name="score"/> to the bin of <paramref name="upperEdges"/> it falls in (edges close their bins).</summary>
    public static void Add(long[] bins, IReadOnlyList<double> upperEdges, double score)
    {
        var bin = 0;
        while (bin < upperEdges.Count && score > upperEdges[bin])
        {
            bin++;
        }

        bins[bin]++;
    }
}
