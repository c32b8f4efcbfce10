using CreditRisk.Core.Risk;

namespace CreditRisk.Web.Components.Pages.Admin.Portfolio;

/// <summary>Band colours shared by charts and chips (same hues as the theme's success / warning / error).</summary>
public static class BandColors
{
    public static string Of(RiskBand band) => band switch
    {
        RiskBand.Low => "#2E7D32",
        RiskBand.Medium => "#B26A00",
        _ => "#C62828",
    };
}
