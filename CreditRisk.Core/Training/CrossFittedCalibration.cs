using System.Globalization;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Training;

/// <summary>
/// Calibrates the ensemble blend on rows the blended models did not fit, without giving up training rows or the
/// hold-out: the training side is cut into <see cref="Folds"/> customer folds; for each fold the logistic model and the
/// tree are fitted on the other folds and blend the fold's rows, and <see cref="PlattFit"/> maps the logit of those
/// out-of-fold blends onto the outcomes. The final models (fitted on the whole training side) are then scored through
/// that scaling. The hold-out stays untouched, so its Brier score and calibration table stay honest measures of it.
/// </summary>
/// <remarks>
/// Platt rather than isotonic: two parameters fit reliably on the few dozen bad rows of a small portfolio, and a
/// monotone smooth map keeps every distinct score distinct (isotonic steps would tie scores and make the budgeted
/// cut-offs coarse), so AUC and ranking are unchanged.
/// </remarks>
internal static class CrossFittedCalibration
{
    /// <summary>Folds of the cross-fit; each fold's models see two thirds of the training side.</summary>
    public const int Folds = 3;

    /// <summary>Fewer bad rows than this on the training side leaves the blend uncalibrated: too few to fit on.</summary>
    public const int MinimumBadRows = 15;

    /// <summary>
    /// The scaling, or null with the reason when the rows cannot support one (then the blend is used as it is).
    /// </summary>
    /// <param name="rows">Training rows.</param>
    /// <param name="labels">Their outcomes.</param>
    /// <param name="groups">Customer id of each row (folds keep a customer's rows together).</param>
    /// <param name="seed">Seed of the fold assignment.</param>
    /// <param name="fitBlend">Fits the blended models on some rows and returns the blend's probability of a row.</param>
    public static CalibrationOutcome Fit(
        IReadOnlyList<double?[]> rows,
        IReadOnlyList<bool> labels,
        IReadOnlyList<string> groups,
        int seed,
        Func<IReadOnlyList<double?[]>, IReadOnlyList<bool>, Func<double?[], double>> fitBlend)
    {
        var bad = labels.Count(l => l);
        if (bad < MinimumBadRows)
        {
            return CalibrationOutcome.None($"none: {bad} bad training rows, fewer than the {MinimumBadRows} a calibration needs");
        }

        var fold = CustomerFolds.Assign(groups, labels, Folds, seed);
        var margins = new double[rows.Count];
        for (var k = 0; k < Folds; k++)
        {
            var fitRows = new List<double?[]>();
            var fitLabels = new List<bool>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (fold[i] != k)
                {
                    fitRows.Add(rows[i]);
                    fitLabels.Add(labels[i]);
                }
            }

            if (!fitLabels.Contains(true) || !fitLabels.Contains(false))
            {
                return CalibrationOutcome.None($"none: fold {k + 1} of {Folds} leaves one outcome only to fit on");
            }

            var blend = fitBlend(fitRows, fitLabels);
            for (var i = 0; i < rows.Count; i++)
            {
                if (fold[i] == k)
                {
                    margins[i] = PlattScaling.Logit(blend(rows[i]));
                }
            }
        }

        var scaling = PlattFit.Fit(margins, labels)!.Value; // both outcomes are present: checked above

        // A scaling that reverses the order (positive slope) would mean the out-of-fold blend ranks backwards: refuse it.
        if (scaling.Slope >= 0)
        {
            return CalibrationOutcome.None("none: the out-of-fold blend does not rank bad rows above good ones");
        }

        var text = string.Create(CultureInfo.InvariantCulture,
            $"platt on logit(blend), {Folds}-fold cross-fitted on {rows.Count} training rows: slope {scaling.Slope:0.####}, offset {scaling.Offset:0.####}");
        return new CalibrationOutcome(scaling, text);
    }
}

/// <summary>The ensemble's calibration (null = none) and a one-line description for the training summary.</summary>
internal sealed record CalibrationOutcome(PlattScaling? Scaling, string Description)
{
    public static CalibrationOutcome None(string reason) => new(null, reason);
}
