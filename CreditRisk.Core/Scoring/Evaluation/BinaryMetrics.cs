using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Scoring.Evaluation;

/// <summary>
/// Discrimination and calibration measures for probabilities of a binary outcome, as credit-risk teams report
/// them. Scores are probabilities (0–1); a label is true for a delinquent ("bad") case.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random bad case scores above a random good one, ties
    /// counting one half (Mann–Whitney with mid-ranks). 0.5 when either class is absent.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var n = Check(scores, labels);
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var midRank = ((start + end) / 2d) + 1;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                {
                    positiveRankSum += midRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2d)) / ((double)positives * negatives);
    }

    /// <summary>Gini coefficient (accuracy ratio) = 2 × AUC − 1.</summary>
    public static double Gini(double auc) => (2 * auc) - 1;

    /// <summary>
    /// Kolmogorov–Smirnov statistic: the largest gap between the cumulative shares of bad and good cases when
    /// cases are taken from the highest score down (tied scores enter together). 0 when either class is absent.
    /// </summary>
    public static double Ks(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var n = Check(scores, labels);
        var positives = labels.Count(l => l);
        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0;
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        double best = 0;
        int tp = 0, fp = 0;
        for (var k = 0; k < n; k++)
        {
            if (labels[order[k]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (k + 1 < n && scores[order[k + 1]] == scores[order[k]])
            {
                continue;
            }

            best = Math.Max(best, Math.Abs(((double)tp / positives) - ((double)fp / negatives)));
        }

        return best;
    }

    /// <summary>Default number of points of <see cref="Roc"/>: 101, a threshold every percentile of the scores.</summary>
    public const int DefaultRocPoints = 101;

    /// <summary>
    /// A compact ROC curve: (false-positive rate, true-positive rate) with thresholds at the score quantiles, a
    /// case counting as bad when its score is at or above the threshold. Tied scores enter together, so the
    /// trapezoid area under the points matches <see cref="Auc"/> up to the coarseness of the quantile grid. Starts
    /// at (0, 0), ends at (1, 1), at most <paramref name="maxPoints"/> points (at least 2); just the diagonal's ends
    /// when either class is absent.
    /// </summary>
    public static IReadOnlyList<RocPoint> Roc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, int maxPoints = DefaultRocPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        var n = Check(scores, labels);
        var positives = labels.Count(l => l);
        var negatives = n - positives;
        var points = new List<RocPoint> { new() { FalsePositiveRate = 0, TruePositiveRate = 0 } };
        if (positives == 0 || negatives == 0)
        {
            points.Add(new() { FalsePositiveRate = 1, TruePositiveRate = 1 });
            return points;
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        int tp = 0, fp = 0, taken = 0;
        for (var step = 1; step < maxPoints; step++)
        {
            // Cut after this quantile, then widen the cut to the end of its tie so a threshold separates the cases.
            var cut = (int)Math.Round((double)step * n / (maxPoints - 1));
            while (cut < n && cut > 0 && scores[order[cut]] == scores[order[cut - 1]])
            {
                cut++;
            }

            for (; taken < cut; taken++)
            {
                if (labels[order[taken]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }

            var point = new RocPoint { FalsePositiveRate = (double)fp / negatives, TruePositiveRate = (double)tp / positives };
            if (point != points[^1])
            {
                points.Add(point);
            }
        }

        return points;
    }

    /// <summary>Brier score: mean squared difference between probability and outcome (0 perfect, lower is better).</summary>
    public static double Brier(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var n = Check(scores, labels);
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var error = scores[i] - (labels[i] ? 1 : 0);
            sum += error * error;
        }

        return n == 0 ? 0 : sum / n;
    }

    /// <summary>Counts at a threshold: a case is predicted bad when its score is at or above <paramref name="threshold"/>.</summary>
    public static ConfusionMatrix Confusion(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        var n = Check(scores, labels);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < n; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i])
            {
                tp++;
            }
            else if (predicted)
            {
                fp++;
            }
            else if (labels[i])
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    /// <summary>
    /// Reliability table over <paramref name="bins"/> equal-width probability bins [0, 0.1), [0.1, 0.2) … [0.9, 1]:
    /// count, mean predicted probability and observed bad rate per bin (empty bins included, with zeros).
    /// </summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, int bins = 10)
    {
        var n = Check(scores, labels);
        var counts = new int[bins];
        var bads = new int[bins];
        var sums = new double[bins];
        for (var i = 0; i < n; i++)
        {
            var bin = Math.Clamp((int)Math.Floor(scores[i] * bins), 0, bins - 1);
            counts[bin]++;
            sums[bin] += scores[i];
            bads[bin] += labels[i] ? 1 : 0;
        }

        return [.. Enumerable.Range(0, bins).Select(b => new CalibrationBin(
            (double)b / bins,
            (double)(b + 1) / bins,
            counts[b],
            counts[b] == 0 ? 0 : sums[b] / counts[b],
            counts[b] == 0 ? 0 : (double)bads[b] / counts[b]))];
    }

    /// <summary>Count and bad rate per band, a score at or above a cut-off belonging to the higher band.</summary>
    public static IReadOnlyList<BandOutcome> BandOutcomes(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, BandCutoffs cutoffs)
    {
        var n = Check(scores, labels);
        var counts = new int[3];
        var bads = new int[3];
        for (var i = 0; i < n; i++)
        {
            var band = (int)cutoffs.BandOf(scores[i]);
            counts[band]++;
            bads[band] += labels[i] ? 1 : 0;
        }

        return [.. Enum.GetValues<RiskBand>().Select(b => new BandOutcome(
            b, counts[(int)b], bads[(int)b], counts[(int)b] == 0 ? 0 : (double)bads[(int)b] / counts[(int)b]))];
    }

    /// <summary>Every measure at once: discrimination, Brier, counts at 0.5 and at the High cut-off, calibration, bands.</summary>
    public static ModelEvaluation Evaluate(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, BandCutoffs cutoffs)
    {
        var auc = Auc(scores, labels);
        var atHalf = Confusion(scores, labels, 0.5);
        var atHigh = Confusion(scores, labels, cutoffs.HighFrom);
        return new ModelEvaluation
        {
            Rows = scores.Count,
            Positives = labels.Count(l => l),
            Auc = auc,
            Ks = Ks(scores, labels),
            Gini = Gini(auc),
            Accuracy = atHalf.Accuracy,
            Precision = atHalf.Precision,
            Recall = atHalf.Recall,
            F1 = atHalf.F1,
            Brier = Brier(scores, labels),
            Confusion = atHalf,
            AtHighCutoff = new ThresholdMetrics(cutoffs.HighFrom, atHigh.Accuracy, atHigh.Precision, atHigh.Recall, atHigh.F1, atHigh),
            Calibration = Calibration(scores, labels),
            Bands = BandOutcomes(scores, labels, cutoffs),
        };
    }

    private static int Check(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels.");
        }

        return scores.Count;
    }
}
