namespace CreditRisk.Core.Simulation;

/// <summary>How a category's spend reacts to stress: essentials hold up, discretionary spend is cut first.</summary>
internal enum SpendKind
{
    Essential,
    Discretionary,
    Travel,
}

/// <summary>A merchant category the simulator draws card purchases from.</summary>
/// <param name="Mcc">ISO 18245 merchant category code.</param>
/// <param name="Kind">How spend in the category reacts to stress.</param>
/// <param name="Weight">Relative share of purchase count in an average month.</param>
/// <param name="MedianAmount">Median ticket in the account currency (scaled per customer).</param>
/// <param name="Sigma">Log-scale spread of the ticket size.</param>
/// <param name="Channels">Weights for pos, ecommerce, contactless.</param>
/// <param name="PeakHour">Typical local hour of day.</param>
/// <param name="FestivalBoost">Multiplier on this category's weight in the autumn festival season.</param>
/// <param name="DecemberBoost">Multiplier on this category's weight in the December holidays.</param>
/// <param name="MerchantPool">How many distinct merchants exist in the category.</param>
/// <param name="RoundTo">Tickets are rounded to this many currency units (fuel is bought in round amounts); 0 keeps paise.</param>
internal sealed record MerchantCategory(
    string Mcc,
    SpendKind Kind,
    double Weight,
    double MedianAmount,
    double Sigma,
    double[] Channels,
    int PeakHour,
    double FestivalBoost,
    double DecemberBoost,
    int MerchantPool,
    int RoundTo = 0);
