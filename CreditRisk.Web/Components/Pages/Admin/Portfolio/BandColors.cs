using CreditRisk.Core.Risk;
using CreditRisk.Web.Components.Layout;

namespace CreditRisk.Web.Components.Pages.Admin.Portfolio;

/// <summary>Band colours for charts: the light theme's success / warning / error, whose contrast is tested.</summary>
public static class BandColors
{
    public static string Of(RiskBand band) => (band switch
    {
        RiskBand.Low => AppTheme.Theme.PaletteLight.Success,
        RiskBand.Medium => AppTheme.Theme.PaletteLight.Warning,
        _ => AppTheme.Theme.PaletteLight.Error,
    }).ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex);
}
