using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// One model's hold-out ROC curve and reliability table, kept with a <see cref="ModelVersion"/> so the admin
/// page can draw them. Small on purpose (at most <see cref="BinaryMetrics.DefaultRocPoints"/> ROC points and ten
/// bins) because every registry listing carries it.
/// </summary>
public sealed record ModelCurves
{
    /// <summary>ROC points from (0, 0) to (1, 1), false-positive rate non-decreasing.</summary>
    public List<RocPoint> Roc { get; init; } = [];

    /// <summary>Ten equal-width probability bins, empty ones included.</summary>
    public List<CalibrationPoint> Calibration { get; init; } = [];

    /// <summary>Curves of <paramref name="scores"/> (probabilities) against <paramref name="labels"/> (true = bad).</summary>
    public static ModelCurves From(IReadOnlyList<double> scores, IReadOnlyList<bool> labels) => new()
    {
        Roc = [.. BinaryMetrics.Roc(scores, labels)],
        Calibration = [.. BinaryMetrics.Calibration(scores, labels).Select(b => new CalibrationPoint
        {
            Lower = b.Lower,
            Upper = b.Upper,
            Count = b.Count,
            MeanPredicted = b.MeanPredicted,
            ObservedRate = b.ObservedRate,
        })],
    };
}

/// <summary>One point of an ROC curve; both rates are shares (0–1).</summary>
public sealed record RocPoint
{
    public double FalsePositiveRate { get; init; }

    public double TruePositiveRate { get; init; }
}

/// <summary>
/// One stored reliability bin: probabilities in [<see cref="Lower"/>, <see cref="Upper"/>), how many cases fell
/// there, their mean predicted probability and observed bad rate (both 0 for an empty bin).
/// </summary>
public sealed record CalibrationPoint
{
    public double Lower { get; init; }

    public double Upper { get; init; }

    public int Count { get; init; }

    public double MeanPredicted { get; init; }

    public double ObservedRate { get; init; }
}
