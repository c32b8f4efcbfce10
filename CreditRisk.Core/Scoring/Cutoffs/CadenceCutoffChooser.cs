using System.Globalization;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>
/// Chooses the band cut-offs from an <see cref="AlertBudget"/> on the hold-out replayed at the live cadence
/// (<see cref="CadencePanel"/>), counting alerts as the pipeline raises them:
/// <list type="bullet">
/// <item>Medium from the lowest reading probability at which the share of readings at model-Medium or higher stays
/// within <see cref="AlertBudget.WatchListShare"/>;</item>
/// <item>High from the lowest probability above Medium at which the escalations into the combined High band per 1,000
/// customers per month stay within <see cref="AlertBudget.HighAlertsPer1000PerMonth"/> — scanning down from the top
/// score and stopping at the first cut-off over budget, as <see cref="BudgetCutoffChooser"/> does;</item>
/// <item>when no High cut-off fits at that Medium — a model Medium plus a confirmed High rule is High, so the Medium
/// cut-off alone can exceed the budget — Medium is raised over quantiles of the readings' probabilities
/// (<see cref="MediumStep"/> of the readings a step) until one fits, and the note says so.</item>
/// </list>
/// The degenerate-hold-out fallbacks are those of the monthly panel (<see cref="BudgetCutoffChooser"/>), which is
/// checked first.
/// </summary>
public static class CadenceCutoffChooser
{
    /// <summary>Share of the readings Medium rises by per step when the rule-supported alerts exceed the budget.</summary>
    public const double MediumStep = 0.005;

    public static ChosenCutoffs Choose(ScoredPanel monthly, CadencePanel readings, AlertBudget budget)
    {
        ArgumentNullException.ThrowIfNull(monthly);
        ArgumentNullException.ThrowIfNull(readings);
        var fallback = BudgetCutoffChooser.Choose(monthly, budget);
        if (fallback.Basis != CutoffBasis.Budget)
        {
            return fallback;
        }

        if (readings.Distinct.Count < 3)
        {
            return fallback with { Note = Join(fallback.Note, $"counted on the monthly hold-out rows, the model alone: the live-cadence replay has {readings.Distinct.Count} distinct scores") };
        }

        var watchList = MediumFor(readings, budget.WatchListShare);
        var medium = watchList;
        double? high;
        while ((high = HighFor(readings, medium, budget.HighAlertsPer1000PerMonth)) is null)
        {
            if (Raise(readings, medium) is not { } raised)
            {
                var top = readings.Distinct[0];
                var lowest = new BandCutoffs(medium, top);
                return Result(monthly, readings, budget, lowest, Join(Counting(readings), string.Create(CultureInfo.InvariantCulture,
                    $"no cut-offs meet the budget: with Medium from {CutoffPercent.Of(medium)} and High at the top score the hard facts and rule-supported alerts alone raise {readings.AlertsPer1000(lowest):0.#} per 1,000 a month")));
            }

            medium = raised;
        }

        var note = Counting(readings);
        if (medium > watchList)
        {
            note = Join(note, string.Create(CultureInfo.InvariantCulture,
                $"Medium raised from {CutoffPercent.Of(watchList)} (the watch list's cut-off) to {CutoffPercent.Of(medium)}: at the watch-list cut-off a model Medium with a confirmed High rule alone raises more than {budget.HighAlertsPer1000PerMonth:0.##} alerts per 1,000 a month"));
        }

        return Result(monthly, readings, budget, new BandCutoffs(medium, high.Value), note);
    }

    /// <summary>
    /// The lowest reading probability above <paramref name="medium"/> whose alert rate, and that of every higher one,
    /// is within <paramref name="budget"/>; null when even the top score is over it.
    /// </summary>
    public static double? HighFor(CadencePanel readings, double medium, double budget)
    {
        ArgumentNullException.ThrowIfNull(readings);
        double? best = null;
        foreach (var cutoff in readings.Distinct)
        {
            if (cutoff <= medium || readings.AlertsPer1000(new BandCutoffs(medium, cutoff)) > budget)
            {
                break;
            }

            best = cutoff;
        }

        return best;
    }

    /// <summary>The lowest reading probability with at most <paramref name="share"/> of readings at or above it (below the top score).</summary>
    public static double MediumFor(CadencePanel readings, double share)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var descending = readings.Descending;
        var allowed = (int)Math.Floor(share * readings.Readings);
        var best = readings.Distinct[1]; // leaves the top score for High
        for (var i = 0; i < descending.Count && i < allowed; i++)
        {
            // descending[i] is a valid cut-off when all its ties fit within the allowance.
            var tiedBelow = i + 1 < descending.Count && descending[i + 1] == descending[i];
            if (!tiedBelow && descending[i] < best)
            {
                best = descending[i];
            }
        }

        return best;
    }

    /// <summary>The next Medium cut-off up: <see cref="MediumStep"/> of the readings fewer at or above it; null at the top.</summary>
    private static double? Raise(CadencePanel readings, double medium)
    {
        var descending = readings.Descending;
        var atOrAbove = descending.Count(p => p >= medium);
        var step = Math.Max(1, (int)Math.Ceiling(MediumStep * readings.Readings));
        for (var count = atOrAbove - step; count >= 1; count -= step)
        {
            var candidate = descending[count - 1];
            if (candidate > medium && candidate < readings.Distinct[0])
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Counting(CadencePanel readings) => string.Create(CultureInfo.InvariantCulture,
        $"counted at the live cadence: {readings.Readings:N0} readings of {readings.Customers:N0} hold-out customers ({readings.CustomerMonths:N0} customer-months), the model band combined with the confirmed rules");

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";

    private static ChosenCutoffs Result(ScoredPanel monthly, CadencePanel readings, AlertBudget budget, BandCutoffs cutoffs, string note) => new()
    {
        MediumFrom = cutoffs.MediumFrom,
        HighFrom = cutoffs.HighFrom,
        Basis = CutoffBasis.Budget,
        HighAlertsPer1000PerMonth = budget.HighAlertsPer1000PerMonth,
        WatchListShare = budget.WatchListShare,
        HoldoutHighAlertsPer1000PerMonth = Math.Round(readings.AlertsPer1000(cutoffs), 2),
        HoldoutWatchListShare = Math.Round(readings.ShareAtOrAbove(cutoffs.MediumFrom), 4),
        HoldoutHighShare = Math.Round(readings.ShareAtOrAbove(cutoffs.HighFrom), 4),
        HoldoutRows = monthly.Rows.Count,
        HoldoutCustomers = readings.Customers,
        HoldoutReadings = readings.Readings,
        Note = note,
    };
}
