namespace CreditRisk.Core.Scoring;

/// <summary>ML.NET's Platt calibrator: P(margin) = 1 / (1 + exp(<see cref="Slope"/> × margin + <see cref="Offset"/>)).</summary>
internal readonly record struct PlattScaling(double Slope, double Offset)
{
    public double Probability(double margin) => 1d / (1d + Math.Exp((Slope * margin) + Offset));
}
