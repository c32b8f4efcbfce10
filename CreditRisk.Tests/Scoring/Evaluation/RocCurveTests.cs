using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Tests.Scoring.Evaluation;

public sealed class RocCurveTests
{
    [Fact]
    public void Roc_SeededScores_MonotoneFromOriginToOneOneWithAreaNearAuc()
    {
        var (scores, labels) = Seeded(5000, seed: 7);

        var roc = BinaryMetrics.Roc(scores, labels);

        Assert.InRange(roc.Count, 3, BinaryMetrics.DefaultRocPoints);
        Assert.Equal(new RocPoint { FalsePositiveRate = 0, TruePositiveRate = 0 }, roc[0]);
        Assert.Equal(new RocPoint { FalsePositiveRate = 1, TruePositiveRate = 1 }, roc[^1]);
        Assert.All(roc.Zip(roc.Skip(1)), pair =>
        {
            Assert.True(pair.Second.FalsePositiveRate >= pair.First.FalsePositiveRate);
            Assert.True(pair.Second.TruePositiveRate >= pair.First.TruePositiveRate);
        });
        Assert.Equal(BinaryMetrics.Auc(scores, labels), Area(roc), tolerance: 0.005);
    }

    [Fact]
    public void Roc_FewDistinctScores_AreaEqualsAucExactly()
    {
        // Every tie group gets its own point, so the trapezoids are the mid-rank Mann–Whitney count.
        double[] scores = [0.5, 0.5, 0.2, 0.9];
        bool[] labels = [true, false, false, true];

        var roc = BinaryMetrics.Roc(scores, labels);

        Assert.Equal(0.875, Area(roc), 12);
    }

    [Fact]
    public void Roc_OneClassOnly_IsTheDiagonal()
    {
        var roc = BinaryMetrics.Roc([0.1, 0.9], [true, true]);

        Assert.Equal([0d, 1d], roc.Select(p => p.FalsePositiveRate));
        Assert.Equal([0d, 1d], roc.Select(p => p.TruePositiveRate));
    }

    [Fact]
    public void From_SeededScores_CalibrationCountsSumToTheRows()
    {
        var (scores, labels) = Seeded(1234, seed: 3);

        var curves = ModelCurves.From(scores, labels);

        Assert.Equal(10, curves.Calibration.Count);
        Assert.Equal(1234, curves.Calibration.Sum(b => b.Count));
        Assert.Equal(labels.Count(l => l), curves.Calibration.Sum(b => b.ObservedRate * b.Count), 6);
    }

    /// <summary>Trapezoid area under the points.</summary>
    internal static double Area(IReadOnlyList<RocPoint> roc) =>
        roc.Zip(roc.Skip(1)).Sum(p => (p.Second.FalsePositiveRate - p.First.FalsePositiveRate) * (p.First.TruePositiveRate + p.Second.TruePositiveRate) / 2);

    /// <summary>Bad cases score higher on average; the probability itself is the chance of being bad.</summary>
    private static (double[] Scores, bool[] Labels) Seeded(int n, int seed)
    {
        var random = new Random(seed);
        var scores = new double[n];
        var labels = new bool[n];
        for (var i = 0; i < n; i++)
        {
            scores[i] = Math.Round(random.NextDouble(), 3);
            labels[i] = random.NextDouble() < scores[i];
        }

        return (scores, labels);
    }
}
