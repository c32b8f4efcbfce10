using MudBlazor;

namespace CreditRisk.Web.Components.Layout;

/// <summary>
/// The app's palette. Band colours are fixed (Low green, Medium amber, High red) and chosen to keep at least 4.5:1
/// contrast for text on both light and dark surfaces.
/// </summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F4E79",
            Secondary = "#00695C",
            AppbarBackground = "#1F4E79",
            Success = "#2E7D32",
            Warning = "#B26A00",
            Error = "#C62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90CAF9",
            Secondary = "#80CBC4",
            Success = "#81C784",
            Warning = "#FFB74D",
            Error = "#EF9A9A",
        },
    };
}
