using System.Globalization;

namespace CreditRisk.Web.Components.Shared;

/// <summary>Number formats shown on pages, the same whatever the server's culture ("87%", never "87 %").</summary>
public static class DisplayFormat
{
    /// <summary>A 0–1 fraction as a percentage, e.g. 0.8734 → "87%" (0 decimals) or "87.3%" (1).</summary>
    public static string Percent(double fraction, int decimals = 0) =>
        (fraction * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// A band cut-off, with a second decimal when it has one (0.1295 → "12.95%", 0.276 → "27.6%"): at one decimal a
    /// customer scored 12.87% read "12.9%", and Low, beside "Medium from 12.9%".
    /// </summary>
    public static string Cutoff(double fraction) =>
        (fraction * 100).ToString("0.0#", CultureInfo.InvariantCulture) + "%";
}
