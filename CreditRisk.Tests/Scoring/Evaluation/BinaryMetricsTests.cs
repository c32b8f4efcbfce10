using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Tests.Scoring.Evaluation;

/// <summary>Hand-computed cases; the comments show the arithmetic.</summary>
public sealed class BinaryMetricsTests
{
    // Sorted by score: 0.1 good, 0.35 bad, 0.4 good, 0.8 bad.
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8];
    private static readonly bool[] Labels = [false, false, true, true];

    [Fact]
    public void Auc_NoTies_IsShareOfCorrectlyOrderedPairs()
    {
        // Pairs (bad, good): 0.35>0.1 yes, 0.35>0.4 no, 0.8>0.1 yes, 0.8>0.4 yes → 3/4.
        Assert.Equal(0.75, BinaryMetrics.Auc(Scores, Labels), 12);
        Assert.Equal(0.5, BinaryMetrics.Gini(0.75), 12);
    }

    [Fact]
    public void Auc_Ties_CountHalf()
    {
        // (0.5 bad vs 0.5 good) ½ + (0.5 vs 0.2) 1 + (0.9 vs 0.5) 1 + (0.9 vs 0.2) 1 = 3.5 / 4.
        Assert.Equal(0.875, BinaryMetrics.Auc([0.5, 0.5, 0.2, 0.9], [true, false, false, true]), 12);
    }

    [Fact]
    public void Auc_OneClassOnly_IsHalf()
    {
        Assert.Equal(0.5, BinaryMetrics.Auc([0.1, 0.9], [true, true]));
    }

    [Fact]
    public void Ks_IsLargestGapBetweenCumulativeBadAndGoodShares()
    {
        // From the top: 0.8 bad (½−0), 0.4 good (½−½), 0.35 bad (1−½), 0.1 good (1−1) → 0.5.
        Assert.Equal(0.5, BinaryMetrics.Ks(Scores, Labels), 12);
    }

    [Fact]
    public void Ks_TiedScores_EnterTogether()
    {
        // One tie holding a bad and a good: (½−½) then (1−1) → 0, although splitting the tie would show ½.
        Assert.Equal(0, BinaryMetrics.Ks([0.5, 0.5, 0.2, 0.2], [true, false, true, false]), 12);
    }

    [Fact]
    public void Brier_IsMeanSquaredError()
    {
        // (0.01 + 0.16 + 0.4225 + 0.04) / 4.
        Assert.Equal(0.158125, BinaryMetrics.Brier(Scores, Labels), 12);
    }

    [Fact]
    public void Confusion_AtHalf_CountsScoresAtOrAboveAsBad()
    {
        var matrix = BinaryMetrics.Confusion(Scores, Labels, 0.5);

        Assert.Equal(new ConfusionMatrix(TruePositives: 1, FalsePositives: 0, TrueNegatives: 2, FalseNegatives: 1), matrix);
        Assert.Equal(0.75, matrix.Accuracy, 12);
        Assert.Equal(1, matrix.Precision, 12);
        Assert.Equal(0.5, matrix.Recall, 12);
        Assert.Equal(2 / 3d, matrix.F1, 12);
    }

    [Fact]
    public void Confusion_ThresholdEqualToAScore_CountsItAsBad()
    {
        Assert.Equal(new ConfusionMatrix(2, 1, 1, 0), BinaryMetrics.Confusion(Scores, Labels, 0.35));
    }

    [Fact]
    public void Confusion_NothingPredictedBad_PrecisionAndF1AreZero()
    {
        var matrix = BinaryMetrics.Confusion(Scores, Labels, 0.99);

        Assert.Equal(0, matrix.Precision);
        Assert.Equal(0, matrix.F1);
        Assert.Equal(0.5, matrix.Accuracy, 12);
    }

    [Fact]
    public void Calibration_TenEqualWidthBins_WithCountsMeansAndRates()
    {
        var table = BinaryMetrics.Calibration([0.12, 0.18, 0.85, 1.0], [false, true, true, true]);

        Assert.Equal(10, table.Count);
        Assert.Equal(new CalibrationBin(0.1, 0.2, 2, 0.15, 0.5), table[1] with { MeanPredicted = Math.Round(table[1].MeanPredicted, 12) });
        Assert.Equal(new CalibrationBin(0.8, 0.9, 1, 0.85, 1), table[8]);
        Assert.Equal(1, table[9].Count); // a probability of exactly 1 belongs to the last bin
        Assert.Equal(0, table[0].Count);
        Assert.Equal(0, table[0].ObservedRate);
    }

    [Fact]
    public void BandOutcomes_CountsAndDefaultRatePerBand()
    {
        // 0.1 Low good; 0.4 Medium good; 0.35 Medium bad (at the cut-off); 0.8 High bad.
        var bands = BinaryMetrics.BandOutcomes(Scores, Labels, new BandCutoffs(0.35, 0.65));

        Assert.Equal(
            [new BandOutcome(RiskBand.Low, 1, 0, 0), new BandOutcome(RiskBand.Medium, 2, 1, 0.5), new BandOutcome(RiskBand.High, 1, 1, 1)],
            bands);
    }

    [Fact]
    public void Evaluate_CollectsEveryMeasure()
    {
        var evaluation = BinaryMetrics.Evaluate(Scores, Labels, new BandCutoffs(0.35, 0.65));

        Assert.Equal(4, evaluation.Rows);
        Assert.Equal(2, evaluation.Positives);
        Assert.Equal(0.75, evaluation.Auc, 12);
        Assert.Equal(0.5, evaluation.Ks, 12);
        Assert.Equal(0.75, evaluation.Accuracy, 12);
        Assert.Equal(0.65, evaluation.AtHighCutoff.Threshold);
        Assert.Equal(new ConfusionMatrix(1, 0, 2, 1), evaluation.AtHighCutoff.Confusion);
        var scalars = evaluation.ToScalars();
        Assert.Equal(0.5, scalars["medium_default_rate"]);
        Assert.Equal(0.158125, scalars["brier"], 12);
    }

    [Fact]
    public void Auc_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Auc([0.1], [true, false]));
    }
}
