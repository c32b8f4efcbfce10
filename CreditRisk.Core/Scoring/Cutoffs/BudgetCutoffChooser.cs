using System.Globalization;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>
/// Chooses the band cut-offs from an <see cref="AlertBudget"/> on a scored hold-out panel:
/// <list type="bullet">
/// <item>High from the lowest hold-out probability at which the escalations into High per 1,000 customer-months stay
/// within <see cref="AlertBudget.HighAlertsPer1000PerMonth"/> — scanning down from the top score and stopping at the
/// first cut-off over budget, so every stricter cut-off is within budget too (lowering a cut-off can merge two High
/// spells of a customer into one, so the alert count is not monotone);</item>
/// <item>Medium from the lowest hold-out probability at which the share of rows at Medium or higher stays within
/// <see cref="AlertBudget.WatchListShare"/>, and below High (when High alone already fills the watch list, the next
/// score below High, so the Medium band is nearly empty, with a note).</item>
/// </list>
/// A hold-out too small to place ten alerts within the budget, or with degenerate scores (fewer than three distinct
/// values, or ties at the top beyond the budget), falls back to the legacy 0.10 / 0.30 with a note saying why.
/// </summary>
public static class BudgetCutoffChooser
{
    /// <summary>The budget must allow at least this many alerts (and watch-list rows) on the hold-out to be measurable.</summary>
    public const int MinimumCountInBudget = 10;

    /// <summary>The cut-offs used when nothing else decides: Medium from 0.10, High from 0.30.</summary>
    public static BandCutoffs Legacy { get; } = new(0.10, 0.30);

    public static ChosenCutoffs Choose(ScoredPanel panel, AlertBudget budget)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget.HighAlertsPer1000PerMonth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget.WatchListShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(budget.WatchListShare, 1);
        if (Unmeasurable(panel, budget) is { } small)
        {
            return Fallback(panel, budget, small);
        }

        if (panel.Distinct.Count < 3)
        {
            return Fallback(panel, budget, $"the hold-out has {panel.Distinct.Count} distinct scores: too few to place two cut-offs");
        }

        if (HighFor(panel, budget.HighAlertsPer1000PerMonth) is not { } high)
        {
            return Fallback(panel, budget, string.Create(CultureInfo.InvariantCulture,
                $"even the top score ({CutoffPercent.Of(panel.Distinct[0])}) raises {panel.AlertsPer1000(panel.Distinct[0]):0.#} alerts per 1,000, over the budget: the scores tie at the top"));
        }

        var notes = new List<string>();
        var medium = MediumFor(panel, budget.WatchListShare);
        if (medium >= high)
        {
            var below = panel.Distinct.FirstOrDefault(p => p < high, double.NaN);
            if (double.IsNaN(below))
            {
                return Fallback(panel, budget, "no hold-out score lies below the High cut-off to start Medium from");
            }

            medium = below;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"the watch list ({budget.WatchListShare * 100:0.0}% of rows) is already filled at the High cut-off ({panel.ShareAtOrAbove(high) * 100:0.0}% of rows High): Medium starts at the next score below High"));
        }

        if (panel.OneRowPerCustomer)
        {
            notes.Add("one row per customer: every High row counts as an alert, so the rate is an upper bound of the monthly flow");
        }

        return Result(panel, budget, new BandCutoffs(medium, high), CutoffBasis.Budget, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    /// <summary>
    /// The lowest hold-out score whose alert rate, and that of every higher score, is within <paramref name="budget"/>
    /// per 1,000 rows; null when even the top score is over it.
    /// </summary>
    public static double? HighFor(ScoredPanel panel, double budget)
    {
        ArgumentNullException.ThrowIfNull(panel);
        double? best = null;
        foreach (var cutoff in panel.Distinct)
        {
            if (panel.AlertsPer1000(cutoff) > budget)
            {
                break;
            }

            best = cutoff;
        }

        return best;
    }

    /// <summary>The lowest hold-out score with at most <paramref name="share"/> of rows at or above it; above every score when none.</summary>
    public static double MediumFor(ScoredPanel panel, double share)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var best = double.PositiveInfinity;
        foreach (var cutoff in panel.Distinct)
        {
            if (panel.ShareAtOrAbove(cutoff) > share)
            {
                break;
            }

            best = cutoff;
        }

        return best;
    }

    private static string? Unmeasurable(ScoredPanel panel, AlertBudget budget)
    {
        var rows = panel.Rows.Count;
        var alertRows = (int)Math.Ceiling(MinimumCountInBudget * 1000 / budget.HighAlertsPer1000PerMonth);
        var watchRows = (int)Math.Ceiling(MinimumCountInBudget / budget.WatchListShare);
        var needed = Math.Max(alertRows, watchRows);
        return rows >= needed ? null : string.Create(CultureInfo.InvariantCulture,
            $"the hold-out has {rows} customer-months; the budget ({budget.HighAlertsPer1000PerMonth:0.##} alerts per 1,000, watch list {budget.WatchListShare * 100:0}%) needs at least {needed} to place {MinimumCountInBudget} alerts");
    }

    private static ChosenCutoffs Fallback(ScoredPanel panel, AlertBudget budget, string reason) =>
        Result(panel, budget, Legacy, CutoffBasis.LegacyDefaults, $"legacy defaults: {reason}");

    private static ChosenCutoffs Result(ScoredPanel panel, AlertBudget budget, BandCutoffs cutoffs, CutoffBasis basis, string? note) => new()
    {
        MediumFrom = cutoffs.MediumFrom,
        HighFrom = cutoffs.HighFrom,
        Basis = basis,
        HighAlertsPer1000PerMonth = budget.HighAlertsPer1000PerMonth,
        WatchListShare = budget.WatchListShare,
        HoldoutHighAlertsPer1000PerMonth = Math.Round(panel.AlertsPer1000(cutoffs.HighFrom), 2),
        HoldoutWatchListShare = Math.Round(panel.ShareAtOrAbove(cutoffs.MediumFrom), 4),
        HoldoutHighShare = Math.Round(panel.ShareAtOrAbove(cutoffs.HighFrom), 4),
        HoldoutRows = panel.Rows.Count,
        HoldoutCustomers = panel.Customers,
        Note = note,
    };
}
