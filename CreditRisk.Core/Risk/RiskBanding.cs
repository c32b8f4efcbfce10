namespace CreditRisk.Core.Risk;

/// <summary>Maps probabilities to bands (the combination with the rules is <see cref="RiskCombination"/>).</summary>
public static class RiskBanding
{
    /// <summary>High from <see cref="BandingOptions.HighFrom"/>, Medium from <see cref="BandingOptions.MediumFrom"/>, else Low.</summary>
    public static RiskBand FromProbability(double probability, BandingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return probability >= options.HighFrom ? RiskBand.High
            : probability >= options.MediumFrom ? RiskBand.Medium
            : RiskBand.Low;
    }
}
