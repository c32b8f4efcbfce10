using System.Globalization;

namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>
/// A band cut-off as people read it, with a second decimal when it has one (0.1295 → "12.95%", 0.276 → "27.6%"): at one
/// decimal a customer scored 12.87% read "12.9%", and Low, beside "Medium from 12.9%". Pages and stored notes both use it.
/// </summary>
public static class CutoffPercent
{
    public static string Of(double fraction) => (fraction * 100).ToString("0.0#", CultureInfo.InvariantCulture) + "%";
}
