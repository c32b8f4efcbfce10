using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Scoring.Evaluation;

/// <summary>
/// How one model did on a labelled sample. <see cref="Accuracy"/>, <see cref="Precision"/>, <see cref="Recall"/>
/// and <see cref="F1"/> are at a 0.5 threshold; <see cref="AtHighCutoff"/> repeats them at the High band cut-off.
/// Precision is 0 when nothing is predicted bad; F1 is 0 when precision and recall are both 0.
/// </summary>
public sealed record ModelEvaluation
{
    public required int Rows { get; init; }

    public required int Positives { get; init; }

    public required double Auc { get; init; }

    public required double Ks { get; init; }

    public required double Gini { get; init; }

    public required double Accuracy { get; init; }

    public required double Precision { get; init; }

    public required double Recall { get; init; }

    public required double F1 { get; init; }

    public required double Brier { get; init; }

    public required ConfusionMatrix Confusion { get; init; }

    public required ThresholdMetrics AtHighCutoff { get; init; }

    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    public required IReadOnlyList<BandOutcome> Bands { get; init; }

    /// <summary>Flat scalar view for <see cref="ModelVersion.Metrics"/> (tables are left out, band rates kept).</summary>
    public Dictionary<string, double> ToScalars()
    {
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["rows"] = Rows,
            ["positives"] = Positives,
            ["auc"] = Auc,
            ["ks"] = Ks,
            ["gini"] = Gini,
            ["accuracy"] = Accuracy,
            ["precision"] = Precision,
            ["recall"] = Recall,
            ["f1"] = F1,
            ["brier"] = Brier,
            ["high_cutoff"] = AtHighCutoff.Threshold,
            ["accuracy_at_high"] = AtHighCutoff.Accuracy,
            ["precision_at_high"] = AtHighCutoff.Precision,
            ["recall_at_high"] = AtHighCutoff.Recall,
            ["f1_at_high"] = AtHighCutoff.F1,
        };
        foreach (var band in Bands)
        {
            var name = band.Band.ToString().ToLowerInvariant();
            scalars[$"{name}_count"] = band.Count;
            scalars[$"{name}_default_rate"] = band.DefaultRate;
        }

        return scalars;
    }
}

/// <summary>Counts of a thresholded classifier.</summary>
public sealed record ConfusionMatrix(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public double Accuracy => Total == 0 ? 0 : (double)(TruePositives + TrueNegatives) / Total;

    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Classification measures at one threshold.</summary>
public sealed record ThresholdMetrics(double Threshold, double Accuracy, double Precision, double Recall, double F1, ConfusionMatrix Confusion);

/// <summary>One row of a reliability table: probabilities in [<paramref name="Lower"/>, <paramref name="Upper"/>).</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate);

/// <summary>How many cases fell in a band and how many of them went bad.</summary>
public sealed record BandOutcome(RiskBand Band, int Count, int Defaults, double DefaultRate);

/// <summary>
/// Probability cut-offs of the bands: Medium from <paramref name="MediumFrom"/>, High from <paramref name="HighFrom"/>.
/// Which ones are in force (pinned by configuration, the champion's, or the legacy defaults) is decided by
/// <see cref="BandCutoffResolver"/>.
/// </summary>
public sealed record BandCutoffs(double MediumFrom, double HighFrom)
{
    /// <summary>High from <see cref="HighFrom"/>, Medium from <see cref="MediumFrom"/>, else Low.</summary>
    public RiskBand BandOf(double probability) =>
        probability >= HighFrom ? RiskBand.High : probability >= MediumFrom ? RiskBand.Medium : RiskBand.Low;
}
