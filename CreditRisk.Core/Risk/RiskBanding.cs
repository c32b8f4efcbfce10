namespace CreditRisk.Core.Risk;

/// <summary>
/// Combines the model's band with the rules' band. The model's band comes from the cut-offs in force, see
/// <see cref="BandCutoffResolver"/>.
/// </summary>
public static class RiskBanding
{
    /// <summary>The combined band: the higher of the model's band (none when no model scored) and the rules' band.</summary>
    public static RiskBand Combine(RiskBand? modelBand, RiskBand ruleBand) =>
        modelBand is { } model && model > ruleBand ? model : ruleBand;
}
