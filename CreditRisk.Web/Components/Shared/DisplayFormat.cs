using System.Globalization;
using CreditRisk.Core.Scoring.Cutoffs;

namespace CreditRisk.Web.Components.Shared;

/// <summary>Number formats shown on pages, the same whatever the server's culture ("87%", never "87 %").</summary>
public static class DisplayFormat
{
    /// <summary>A 0–1 fraction as a percentage, e.g. 0.8734 → "87%" (0 decimals) or "87.3%" (1).</summary>
    public static string Percent(double fraction, int decimals = 0) =>
        (fraction * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%";

    /// <summary>A band cut-off, with a second decimal when it has one (<see cref="CutoffPercent"/>, as stored notes write it).</summary>
    public static string Cutoff(double fraction) => CutoffPercent.Of(fraction);
}
