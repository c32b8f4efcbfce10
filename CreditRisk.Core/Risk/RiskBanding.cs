namespace CreditRisk.Core.Risk;

/// <summary>Maps probabilities to bands and combines the model's band with the rules' band.</summary>
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

    /// <summary>The combined band: the higher of the model's band (none when no model scored) and the rules' band.</summary>
    public static RiskBand Combine(RiskBand? modelBand, RiskBand ruleBand) =>
        modelBand is { } model && model > ruleBand ? model : ruleBand;
}
