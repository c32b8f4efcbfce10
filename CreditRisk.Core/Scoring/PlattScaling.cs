namespace CreditRisk.Core.Scoring;

/// <summary>ML.NET's Platt calibrator: P(margin) = 1 / (1 + exp(<see cref="Slope"/> × margin + <see cref="Offset"/>)).</summary>
internal readonly record struct PlattScaling(double Slope, double Offset)
{
    /// <summary>Probabilities are clamped this far from 0 and 1 before <see cref="Logit"/>, so a pure leaf stays finite.</summary>
    private const double Epsilon = 1e-9;

    public double Probability(double margin) => 1d / (1d + Math.Exp((Slope * margin) + Offset));

    /// <summary>ln(p ÷ (1 − p)): the margin of a probability, for recalibrating one (identity: slope −1, offset 0).</summary>
    public static double Logit(double probability)
    {
        var p = Math.Clamp(probability, Epsilon, 1 - Epsilon);
        return Math.Log(p / (1 - p));
    }
}
