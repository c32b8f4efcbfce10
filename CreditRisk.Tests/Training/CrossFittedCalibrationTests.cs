using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Training;

namespace CreditRisk.Tests.Training;

public sealed class CrossFittedCalibrationTests
{
    [Fact]
    public void Assign_Panel_CustomersStayInOneFoldAndBadCustomersSpreadEvenly()
    {
        var groups = Enumerable.Range(0, 600).Select(i => $"C{i / 6}").ToList();
        var labels = groups.Select((g, i) => int.Parse(g[1..]) % 10 == 0 && i % 6 == 5).ToList();

        var folds = CustomerFolds.Assign(groups, labels, folds: 3, seed: 42);

        Assert.All(groups.Select((g, i) => (g, folds[i])).GroupBy(x => x.g), g => Assert.Single(g.Select(x => x.Item2).Distinct()));
        var badPerFold = Enumerable.Range(0, 3).Select(k => labels.Where((l, i) => l && folds[i] == k).Count()).ToList();
        Assert.Equal([4, 3, 3], badPerFold.OrderDescending());
        Assert.Equal(folds, CustomerFolds.Assign([.. groups.AsEnumerable().Reverse()], [.. labels.AsEnumerable().Reverse()], 3, 42).Reverse());
    }

    [Fact]
    public void Fit_OverconfidentBlend_TheScalingRestoresCalibration()
    {
        // The truth is p; the "model" reports an overconfident p' = sigmoid(2.5 × logit(p) + 1).
        var random = new Random(7);
        var truth = Enumerable.Range(0, 6_000).Select(_ => 1 / (1 + Math.Exp(-((random.NextDouble() * 6) - 6)))).ToList();
        var labels = truth.Select(p => random.NextDouble() < p).ToList();
        var raw = truth.ConvertAll(p => 1 / (1 + Math.Exp(-((2.5 * PlattScaling.Logit(p)) + 1))));

        var outcome = CrossFittedCalibration.Fit(raw, labels, folds: 5);

        var scaling = Assert.NotNull(outcome.Scaling);
        Assert.Contains("5-fold cross-fitted on 6000 training rows", outcome.Description);
        var calibrated = raw.ConvertAll(p => scaling.Probability(PlattScaling.Logit(p)));
        Assert.True(BinaryMetrics.Brier(calibrated, labels) < BinaryMetrics.Brier(raw, labels));
        Assert.Equal(labels.Count(l => l) / (double)labels.Count, calibrated.Average(), 0.01);
        Assert.Equal(BinaryMetrics.Auc(raw, labels), BinaryMetrics.Auc(calibrated, labels), 12);
    }

    [Fact]
    public void Fit_TooFewBadRows_NoneWithTheReason()
    {
        var blends = Enumerable.Range(0, 300).Select(i => i / 300d).ToList();
        var labels = blends.Select((_, i) => i % 30 == 0).ToList();

        var outcome = CrossFittedCalibration.Fit(blends, labels, folds: 5);

        Assert.Null(outcome.Scaling);
        Assert.Contains("10 bad training rows", outcome.Description);
    }

    [Fact]
    public void Fit_BlendRanksBackwards_RefusedRatherThanInverted()
    {
        var random = new Random(3);
        var risk = Enumerable.Range(0, 3_000).Select(_ => random.NextDouble()).ToList();
        var labels = risk.ConvertAll(r => random.NextDouble() < r * 0.3);

        var outcome = CrossFittedCalibration.Fit(risk.ConvertAll(r => 1 - r), labels, folds: 5);

        Assert.Null(outcome.Scaling);
        Assert.Contains("does not rank", outcome.Description);
    }
}
