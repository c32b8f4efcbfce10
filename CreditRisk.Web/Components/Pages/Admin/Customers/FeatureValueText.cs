using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Web.Components.Shared;
using CreditRisk.Web.Display;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>
/// A feature's value in its unit (<see cref="FeatureUnits"/>), for the drill-down's feature table: "77.6%", "3 days",
/// "$85,000.00". An analyst reading 77.64 beside "above 90%" had to know which numbers were percentages.
/// </summary>
public static class FeatureValueText
{
    public static string Format(string feature, double value, MoneyFormat money)
    {
        ArgumentNullException.ThrowIfNull(money);
        return FeatureUnits.Of(feature) switch
        {
            FeatureUnit.Percent => Number(value, "0.#") + "%",
            FeatureUnit.PercentagePoints => Number(value, "0.#") + " pts",
            FeatureUnit.Share => DisplayFormat.Percent(value),
            FeatureUnit.Days => Counted(value, "day"),
            FeatureUnit.Cycles => Counted(value, "cycle"),
            FeatureUnit.Count => Number(value, "0"),
            // Within decimal's range (a corrupt value must not fail the page); beyond it, the plain number.
            FeatureUnit.Currency when Math.Abs(value) < 1e15 => money.Format((decimal)value),
            _ => Number(value, "0.##"),
        };
    }

    private static string Counted(double value, string noun) => $"{Number(value, "0")} {noun}{(Math.Round(value) == 1 ? "" : "s")}";

    // Invariant digits, like DisplayFormat: "87%" whatever the server's culture.
    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
