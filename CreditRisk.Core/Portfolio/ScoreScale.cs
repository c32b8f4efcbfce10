namespace CreditRisk.Core.Portfolio;

/// <summary>
/// Upper ends for axes of probabilities (0–1). A model trained for delinquency weeks ahead scores most customers below
/// 15%, so an axis to 100% draws every customer in its first bars; an axis to the next round step above the scores (1,
/// 2 or 5 × 10ᵏ) shows their spread and still reads in round numbers.
/// </summary>
public static class ScoreScale
{
    /// <summary>An axis showing the band cut-offs reaches at least this multiple of the High cut-off, so High has room above it.</summary>
    public const double CutoffHeadroom = 1.1;

    /// <summary>The axis tops, lowest first: 1%, 2%, 5%, 10%, 20%, 50%, 100%.</summary>
    public static IReadOnlyList<double> Tops { get; } = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

    /// <summary>The lowest of <see cref="Tops"/> at or above <paramref name="value"/>; 1 above every one of them.</summary>
    public static double Ceiling(double value) => Tops.FirstOrDefault(top => top >= value - 1e-12, 1);

    /// <summary>Gridline intervals for an axis from 0 to <paramref name="top"/> (one of <see cref="Tops"/>): 5 for 1s and 5s, 4 for 2s.</summary>
    public static int Ticks(double top) => Math.Abs(top / Math.Pow(10, Math.Floor(Math.Log10(top) + 1e-9)) - 2) < 1e-9 ? 4 : 5;
}
