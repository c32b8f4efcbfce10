using CreditRisk.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace CreditRisk.Tests.Components.Layout;

/// <summary>
/// WCAG 2 AA for normal text (4.5:1): the theme's colours as text on the page's surfaces, and each filled colour's
/// text on it (filled buttons, band chips), in both palettes.
/// </summary>
public sealed class AppThemeContrastTests
{
    private const double NormalTextMinimum = 4.5;

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, palette) in new (string, Palette)[] { ("light", AppTheme.Theme.PaletteLight), ("dark", AppTheme.Theme.PaletteDark) })
        {
            foreach (var (colour, fill, text) in Filled(palette))
            {
                data.Add($"{name} {colour} text on the surface", $"{Hex(fill)}|{Hex(palette.Surface)}");
                data.Add($"{name} text on filled {colour}", $"{Hex(text)}|{Hex(fill)}");
            }

            data.Add($"{name} body text on the surface", $"{Hex(palette.TextPrimary)}|{Hex(palette.Surface)}");
            data.Add($"{name} app bar text", $"{Hex(palette.AppbarText)}|{Hex(palette.AppbarBackground)}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Theme_ColourPair_MeetsAaForNormalText(string pair, string colours)
    {
        var (foreground, background) = (new MudColor(colours.Split('|')[0]), new MudColor(colours.Split('|')[1]));

        var ratio = Contrast(foreground, background);

        Assert.True(ratio >= NormalTextMinimum, $"{pair}: {ratio:0.00}:1 is below {NormalTextMinimum}:1");
    }

    [Fact]
    public void Contrast_BlackOnWhite_Is21()
    {
        Assert.Equal(21, Contrast(new MudColor("#000000"), new MudColor("#FFFFFF")), 3);
    }

    private static IEnumerable<(string Colour, MudColor Fill, MudColor Text)> Filled(Palette p) =>
    [
        (nameof(Palette.Primary), p.Primary, p.PrimaryContrastText),
        (nameof(Palette.Secondary), p.Secondary, p.SecondaryContrastText),
        (nameof(Palette.Success), p.Success, p.SuccessContrastText),
        (nameof(Palette.Warning), p.Warning, p.WarningContrastText),
        (nameof(Palette.Error), p.Error, p.ErrorContrastText),
    ];

    private static string Hex(MudColor colour) => colour.ToString(MudColorOutputFormats.Hex);

    private static double Contrast(MudColor a, MudColor b)
    {
        var (lighter, darker) = (Math.Max(Luminance(a), Luminance(b)), Math.Min(Luminance(a), Luminance(b)));
        return (lighter + 0.05) / (darker + 0.05);
    }

    private static double Luminance(MudColor c) => (0.2126 * Linear(c.R)) + (0.7152 * Linear(c.G)) + (0.0722 * Linear(c.B));

    private static double Linear(byte channel)
    {
        var s = channel / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }
}
