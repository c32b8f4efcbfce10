using System.Globalization;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Training;

/// <summary>
/// Calibrates the ensemble blend on rows the blended models did not fit, without giving up training rows or the
/// hold-out: <see cref="CrossValidation"/> scores every training row with a logistic model and a tree fitted on the
/// other folds, and <see cref="PlattFit"/> maps the logit of those out-of-fold blends onto the outcomes. The final
/// models (fitted on the whole training side) are then scored through that scaling. The hold-out stays untouched, so
/// its Brier score and calibration table stay honest measures of it.
/// </summary>
/// <remarks>
/// Platt rather than isotonic: two parameters fit reliably on the few dozen bad rows of a small portfolio, and a
/// monotone smooth map keeps every distinct score distinct (isotonic steps would tie scores and make the budgeted
/// cut-offs coarse), so AUC and ranking are unchanged.
/// </remarks>
internal static class CrossFittedCalibration
{
    /// <summary>Fewer bad rows than this on the training side leaves the blend uncalibrated: too few to fit on.</summary>
    public const int MinimumBadRows = 15;

    /// <summary>The scaling, or null with the reason when the blends cannot support one (then the blend is used as it is).</summary>
    /// <param name="outOfFoldBlends">Each training row's blend from models that did not fit it.</param>
    /// <param name="labels">Their outcomes.</param>
    /// <param name="folds">How many folds produced the blends (for the description).</param>
    public static CalibrationOutcome Fit(IReadOnlyList<double> outOfFoldBlends, IReadOnlyList<bool> labels, int folds)
    {
        var bad = labels.Count(l => l);
        if (bad < MinimumBadRows)
        {
            return CalibrationOutcome.None($"none: {bad} bad training rows, fewer than the {MinimumBadRows} a calibration needs");
        }

        var margins = outOfFoldBlends.Select(PlattScaling.Logit).ToList();
        if (PlattFit.Fit(margins, labels) is not { } scaling)
        {
            return CalibrationOutcome.None("none: the training rows hold one outcome only");
        }

        // A scaling that reverses the order (positive slope) would mean the out-of-fold blend ranks backwards: refuse it.
        if (scaling.Slope >= 0)
        {
            return CalibrationOutcome.None("none: the out-of-fold blend does not rank bad rows above good ones");
        }

        var text = string.Create(CultureInfo.InvariantCulture,
            $"platt on logit(blend), {folds}-fold cross-fitted on {outOfFoldBlends.Count} training rows: slope {scaling.Slope:0.####}, offset {scaling.Offset:0.####}");
        return new CalibrationOutcome(scaling, text);
    }
}

/// <summary>The ensemble's calibration (null = none) and a one-line description for the training summary.</summary>
internal sealed record CalibrationOutcome(PlattScaling? Scaling, string Description)
{
    public static CalibrationOutcome None(string reason) => new(null, reason);
}
