using System.Globalization;
using CreditRisk.Core.EarlyWarning;

namespace CreditRisk.Web.Components.Pages.Admin.Rules;

/// <summary>
/// One line of the now-versus-proposed table, formatted for people: counts with their share of the replayed customers,
/// shares as percentages, and the change in the unit a risk team speaks in (percentage points for shares).
/// </summary>
/// <param name="Key">Stable id of the measure (test hooks, <c>data-measure</c>).</param>
/// <param name="Label">What the measure is, in words.</param>
/// <param name="LowerIsBetter">Whether a fall is good news (alerts, false alarms), for the change's colour; null when neither.</param>
public sealed record WhatIfRow(string Key, string Label, string Now, string Proposed, string Change, bool? LowerIsBetter, double Delta)
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Whether the proposal moves the measure the good way; null when unchanged or neither way is good.</summary>
    public bool? Improves => Delta == 0 || LowerIsBetter is null ? null : (Delta < 0) == LowerIsBetter;

    /// <summary>The table's lines, in the order the measures are usually weighed: who is flagged, alert load, catch rate, false alarms.</summary>
    public static IReadOnlyList<WhatIfRow> Of(RulesWhatIfResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (now, proposed) = (result.Now, result.Proposed);
        return
        [
            Count("flagged-today-high", "Customers flagged High today", now.FlaggedToday.High, proposed.FlaggedToday.High, result.Customers),
            Count("flagged-today-medium", "Customers flagged Medium or High today", now.FlaggedToday.MediumOrHigher, proposed.FlaggedToday.MediumOrHigher, result.Customers),
            Rate("high-alerts", "High alerts per 1,000 customers per month", now.HighAlertsPer1000PerMonth, proposed.HighAlertsPer1000PerMonth),
            Share("ahead-high", "Delinquent customers flagged High at least 30 days ahead", now.DelinquentsFlaggedAhead.High, proposed.DelinquentsFlaggedAhead.High, lowerIsBetter: false),
            Share("ahead-medium", "Delinquent customers flagged Medium or High at least 30 days ahead", now.DelinquentsFlaggedAhead.MediumOrHigher, proposed.DelinquentsFlaggedAhead.MediumOrHigher, lowerIsBetter: false),
            Share("false-high", "Never-delinquent customers ever flagged High", now.NeverDelinquentFlagged.High, proposed.NeverDelinquentFlagged.High, lowerIsBetter: true),
            Share("false-medium", "Never-delinquent customers ever flagged Medium or High", now.NeverDelinquentFlagged.MediumOrHigher, proposed.NeverDelinquentFlagged.MediumOrHigher, lowerIsBetter: true),
            new("cutoffs", "Model cut-offs (Medium from / High from)", Cutoffs(now), Cutoffs(proposed), now.Cutoffs == proposed.Cutoffs ? "—" : "changed", null, 0),
        ];
    }

    private static WhatIfRow Count(string key, string label, int now, int proposed, int customers)
    {
        string Format(int n) => customers == 0 ? n.ToString("N0", Culture) : $"{n.ToString("N0", Culture)} ({((double)n / customers).ToString("0.0%", Culture)})";
        return new(key, label, Format(now), Format(proposed), Signed(proposed - now, "N0", string.Empty), LowerIsBetter: null, proposed - now);
    }

    // Changes are the difference of the figures as shown: from unrounded ones, "61.5% → 65.1%" read "+3.7 pts".
    internal static WhatIfRow Rate(string key, string label, double now, double proposed)
    {
        var (shownNow, shownProposed) = (Math.Round(now, 1), Math.Round(proposed, 1));
        var change = Math.Round(shownProposed - shownNow, 1);
        return new(key, label, shownNow.ToString("0.0", Culture), shownProposed.ToString("0.0", Culture), Signed(change, "0.0", string.Empty), LowerIsBetter: true, change);
    }

    internal static WhatIfRow Share(string key, string label, double now, double proposed, bool lowerIsBetter)
    {
        var (shownNow, shownProposed) = (now.ToString("0.0%", Culture), proposed.ToString("0.0%", Culture));
        var points = (double)(Figure(shownProposed) - Figure(shownNow));
        return new(key, label, shownNow, shownProposed, Signed(points, "0.0", " pts"), lowerIsBetter, points);
    }

    // The number a shown percentage reads, taken from its text: "0.0%" rounds halves away from zero and Math.Round to
    // even, so 12.25% showed "12.3%" while the change was counted from 12.2. Decimal keeps the difference exact.
    private static decimal Figure(string shownPercent) =>
        decimal.Parse(shownPercent.AsSpan().TrimEnd('%'), NumberStyles.Float, Culture);

    private static string Signed(double delta, string format, string unit) =>
        delta == 0 ? "no change" : (delta > 0 ? "+" : "−") + Math.Abs(delta).ToString(format, Culture) + unit;

    private static string Cutoffs(WhatIfFigures figures) => RiskProposal.AsPercent(figures.Cutoffs);
}
