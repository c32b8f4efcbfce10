using System.Globalization;

namespace CreditRisk.Core.Rules;

/// <summary>
/// Writes a number beside another with the fewest decimals that keep the two apart: a reason "Utilisation 90.00003% is
/// above 90%" or an audited change "90% → 90.004%" must not read as two equal figures when the values differ.
/// </summary>
internal static class DistinctNumberText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    // Whole part, then one to six optional decimals; "R" (every digit) is the last resort.
    private static readonly string[] Plain = ["0", "0.#", "0.##", "0.###", "0.####", "0.#####", "0.######"];
    private static readonly string[] Grouped = ["#,0", "#,0.#", "#,0.##", "#,0.###", "#,0.####", "#,0.#####", "#,0.######"];

    /// <summary>
    /// <paramref name="value"/> with up to <paramref name="usualDecimals"/> decimals, more only when those would write it
    /// as <paramref name="other"/> is written. The choice is symmetric: both sides of a pair get the same decimals.
    /// Decimals are optional ("90", not "90.00"); thousands are grouped ("1,500") when <paramref name="grouped"/>.
    /// </summary>
    public static string Format(double value, double other, int usualDecimals, bool grouped = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usualDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(usualDecimals, Plain.Length);
        var formats = grouped ? Grouped : Plain;
        for (var decimals = usualDecimals; decimals < formats.Length; decimals++)
        {
            var text = value.ToString(formats[decimals], Culture);
            if (text != other.ToString(formats[decimals], Culture))
            {
                return text;
            }
        }

        // Equal to six decimals (or equal outright): every digit, or the shortest form when the two are the same.
        return value == other ? value.ToString(formats[usualDecimals], Culture) : value.ToString("R", Culture);
    }
}
