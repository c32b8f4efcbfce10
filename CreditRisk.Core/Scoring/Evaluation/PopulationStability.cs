namespace CreditRisk.Core.Scoring.Evaluation;

/// <summary>
/// Population stability index: PSI = Σ (actual − expected) × ln(actual ÷ expected) over score bins, with empty bins
/// floored at <see cref="Floor"/> so the logarithm stays finite. The usual reading: below 0.1 stable, 0.1–0.25 watch,
/// above 0.25 shifted.
/// </summary>
public static class PopulationStability
{
    /// <summary>Share used for an empty bin (0.0001).</summary>
    public const double Floor = 1e-4;

    public const double WatchFrom = 0.1;

    public const double ShiftedFrom = 0.25;

    /// <summary>PSI of two share vectors over the same bins.</summary>
    public static double Index(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        if (expected.Count != actual.Count || expected.Count == 0)
        {
            throw new ArgumentException("Expected and actual shares must cover the same, non-empty set of bins.");
        }

        double psi = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var e = Math.Max(expected[i], Floor);
            var a = Math.Max(actual[i], Floor);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    /// <summary>PSI of <paramref name="current"/> scores against a stored reference distribution.</summary>
    public static PsiResult Compare(ScoreDistribution reference, IReadOnlyCollection<double> current)
    {
        var value = Index(reference.Shares, reference.SharesOf(current));
        return new PsiResult(value, Read(value));
    }

    /// <summary>"stable" (&lt; 0.1), "watch" (0.1–0.25) or "shifted" (&gt; 0.25).</summary>
    public static string Read(double psi) => psi < WatchFrom ? "stable" : psi <= ShiftedFrom ? "watch" : "shifted";
}

/// <summary>A PSI value and its reading (stable, watch, shifted).</summary>
public sealed record PsiResult(double Value, string Reading);
