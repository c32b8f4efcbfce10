using MudBlazor;

namespace CreditRisk.Web.Components.Layout;

/// <summary>
/// The app's palette. Band colours are fixed (Low green, Medium amber, High red) and chosen to keep at least 4.5:1
/// contrast for text on both light and dark surfaces, and for the text on each filled colour (tested in
/// <c>AppThemeContrastTests</c>).
/// </summary>
public static class AppTheme
{
    private const string FilledText = "#121212";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F4E79",
            Secondary = "#00695C",
            AppbarBackground = "#1F4E79",
            Success = "#2E7D32",
            Warning = "#A15C00",
            Error = "#C62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90CAF9",
            Secondary = "#80CBC4",
            Success = "#81C784",
            Warning = "#FFB74D",
            Error = "#EF9A9A",

            // The dark palette's colours are light, so text on them (filled buttons, band chips) is dark, not white.
            PrimaryContrastText = FilledText,
            SecondaryContrastText = FilledText,
            SuccessContrastText = FilledText,
            WarningContrastText = FilledText,
            ErrorContrastText = FilledText,
        },
    };
}
