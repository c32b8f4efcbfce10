namespace CreditRisk.Core.Scoring;

/// <summary>
/// How one engine feature becomes model inputs, fitted on the training split and stored with the model:
/// the value clipped to [<see cref="Low"/>, <see cref="High"/>] (the 1st and 99th training percentiles, so that a
/// few extreme ratios do not dominate a standardised input), a missing value replaced by <see cref="Fill"/> (the
/// training median of the clipped values), and, when the feature is missing often enough to matter, a 0/1 missing
/// indicator so the models can tell "median" from "unknown".
/// </summary>
internal sealed record FeatureInputRule
{
    public required string Feature { get; init; }

    /// <summary>Whether the (imputed, clipped) value is a model input; false when it was constant or always missing in training.</summary>
    public required bool UseValue { get; init; }

    /// <summary>Whether a 0/1 "was missing" input follows the values.</summary>
    public required bool MissingIndicator { get; init; }

    public double Low { get; init; }

    public double High { get; init; }

    public double Fill { get; init; }

    /// <summary>
    /// Step edges for the logistic regression only: one 0/1 input "value &gt; edge" per edge (training quantiles of the
    /// clipped values), so the linear model can bend with a non-linear feature like a bank scorecard's bins. Empty for
    /// packages written before, and for features whose steps cross-validation did not keep.
    /// </summary>
    public double[] Steps { get; init; } = [];

    /// <summary>Share of training rows where the feature was missing (0–1); informational.</summary>
    public double MissingShare { get; init; }
}
