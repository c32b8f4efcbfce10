namespace CreditRisk.Core.Scoring.Evaluation;

/// <summary>
/// A score distribution summarised as bins (the deciles of a reference sample), kept with a model so that later
/// scores can be compared with the training scores by <see cref="PopulationStability"/>.
/// </summary>
public sealed record ScoreDistribution
{
    /// <summary>Inner bin edges, ascending: bin i holds scores ≤ Edges[i] and above Edges[i − 1]; the last bin is unbounded.</summary>
    public required List<double> Edges { get; init; }

    /// <summary>Share of the reference sample in each bin (Edges.Count + 1 values adding up to 1).</summary>
    public required List<double> Shares { get; init; }

    /// <summary>Decile bins of <paramref name="scores"/> (fewer when scores tie heavily, e.g. a single tree's few leaf values).</summary>
    public static ScoreDistribution FromScores(IReadOnlyCollection<double> scores, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (scores.Count == 0)
        {
            throw new ArgumentException("A score distribution needs at least one score.", nameof(scores));
        }

        var sorted = scores.Order().ToArray();
        var edges = new List<double>();
        for (var b = 1; b < bins; b++)
        {
            var edge = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling((double)b * sorted.Length / bins) - 1)];
            if ((edges.Count == 0 || edge > edges[^1]) && edge < sorted[^1])
            {
                edges.Add(edge);
            }
        }

        var reference = new ScoreDistribution { Edges = edges, Shares = [] };
        return reference with { Shares = reference.SharesOf(scores) };
    }

    /// <summary>Share of <paramref name="scores"/> in each of this distribution's bins.</summary>
    public List<double> SharesOf(IReadOnlyCollection<double> scores)
    {
        var counts = new double[Edges.Count + 1];
        foreach (var score in scores)
        {
            counts[BinOf(score)]++;
        }

        return [.. counts.Select(c => scores.Count == 0 ? 0 : c / scores.Count)];
    }

    private int BinOf(double score)
    {
        var i = Edges.BinarySearch(score);
        return i >= 0 ? i : ~i;
    }
}
