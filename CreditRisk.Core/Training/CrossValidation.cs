using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using Microsoft.ML;

namespace CreditRisk.Core.Training;

/// <summary>
/// k-fold cross-validation inside the training side, by customer (<see cref="CustomerFolds"/>): every fold refits the
/// input layout, every candidate tree size and logistic regularisation, and the challenger on the other folds, and
/// scores its own rows. The candidate with the best mean fold AUC is chosen; the chosen models' out-of-fold scores
/// give each model's cross-validated AUC with its spread and the out-of-fold blends the ensemble is calibrated on.
/// The hold-out is never seen.
/// </summary>
internal static class CrossValidation
{
    /// <summary>
    /// The outcome, or null when the rows are too few for every fold to hold both outcomes on both sides (then the
    /// configured fallbacks are used and nothing is cross-validated).
    /// </summary>
    public static CrossValidationOutcome? Run(
        IReadOnlyList<double?[]> rows, IReadOnlyList<bool> labels, IReadOnlyList<string> groups, ModelOptions options, int seed, bool withChallenger,
        IReadOnlyList<string>? featureNames = null)
    {
        var folds = options.CrossValidationFolds;
        if (labels.Count(l => l) < CrossFittedCalibration.MinimumBadRows)
        {
            return null;
        }

        var fold = CustomerFolds.Assign(groups, labels, folds, seed);
        var trees = options.TreeSizeChoices();
        // Each penalty with the linear inputs and with the step columns (ModelInputLayout), so the data decide
        // whether the logistic regression needs to bend.
        var penalties = options.LogisticL2ChoiceList()
            .SelectMany(l2 => new[] { new LogisticShape(0, l2), new LogisticShape(options.LogisticSteps, l2) })
            .Distinct()
            .ToList();
        var treeScores = trees.Select(_ => new double[rows.Count]).ToArray();
        var logisticScores = penalties.Select(_ => new double[rows.Count]).ToArray();
        var challengerScores = withChallenger ? new double[rows.Count] : null;
        var challengerMargins = withChallenger ? new double[rows.Count] : null;
        var challengerTrees = new List<int>(folds);
        for (var k = 0; k < folds; k++)
        {
            var fit = Enumerable.Range(0, rows.Count).Where(i => fold[i] != k).ToList();
            var held = Enumerable.Range(0, rows.Count).Where(i => fold[i] == k).ToList();
            if (!BothOutcomes(fit, labels) || !BothOutcomes(held, labels))
            {
                return null;
            }

            var fitRows = fit.ConvertAll(i => rows[i]);
            var fitLabels = fit.ConvertAll(i => labels[i]);
            var layout = ModelInputLayout.Fit(featureNames ?? FeatureNames.Ordered, fitRows, options.LogisticSteps);
            var ml = new MLContext(seed);
            var data = ModelTrainer.ToDataView(ml, layout, fitRows, fitLabels);
            var stepped = ModelTrainer.ToDataView(ml, layout, fitRows, fitLabels, logistic: true);
            var inputs = held.ConvertAll(i => Inputs(layout, rows[i]));
            for (var c = 0; c < trees.Count; c++)
            {
                var scorer = ModelPackage.ExtractTrees(ModelFits.Tree(ml, data, trees[c], seed));
                Fill(treeScores[c], held, inputs, x => scorer.Probability(x.AsSpan(0, layout.Width)));
            }

            for (var c = 0; c < penalties.Count; c++)
            {
                var shape = penalties[c];
                var scorer = ModelPackage.ExtractLogistic(ModelFits.Logistic(ml, shape.Steps > 0 ? stepped : data, shape.L2, options.LogisticL1));
                Fill(logisticScores[c], held, inputs, x => scorer.Probability(x.AsSpan(0, scorer.Width)));
            }

            if (challengerScores is not null)
            {
                var challenger = ChallengerFit.Fit(ml, layout, fitRows, fitLabels, fit.ConvertAll(i => groups[i]), options, seed);
                Fill(challengerScores, held, inputs, challenger.Probability);
                Fill(challengerMargins!, held, inputs, x => challenger.Scorer.Margin(x.AsSpan(0, layout.Width)));
                challengerTrees.Add(challenger.Scorer.TreeCount);
            }
        }

        // Each candidate's fold AUCs once: they choose the winner, report the candidates and measure the chosen model.
        var treeAucs = Array.ConvertAll(treeScores, scores => FoldAucs.Of(scores, labels, fold, folds));
        var logisticAucs = Array.ConvertAll(logisticScores, scores => FoldAucs.Of(scores, labels, fold, folds));
        var bestTree = Best(treeAucs);
        var bestLogistic = Best(logisticAucs);
        var blend = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            blend[i] = (options.LogisticWeight * logisticScores[bestLogistic][i]) + (options.TreeWeight * treeScores[bestTree][i]);
        }

        var models = new Dictionary<string, FoldAucs>(StringComparer.Ordinal)
        {
            [ModelNames.Logistic] = logisticAucs[bestLogistic],
            [ModelNames.Tree] = treeAucs[bestTree],
            [ModelNames.Ensemble] = FoldAucs.Of(blend, labels, fold, folds),
        };
        if (challengerScores is not null)
        {
            models[ModelNames.Challenger] = FoldAucs.Of(challengerScores, labels, fold, folds);
        }

        return new CrossValidationOutcome
        {
            Folds = folds,
            Tree = trees[bestTree],
            LogisticL2 = penalties[bestLogistic].L2,
            LogisticSteps = penalties[bestLogistic].Steps,
            Models = models,
            OutOfFoldBlend = blend,
            ChallengerTrees = challengerTrees.Count > 0 ? challengerTrees.Order().ElementAt(challengerTrees.Count / 2) : null,
            OutOfFoldChallengerMargins = challengerMargins,
            TreeCandidates = [.. trees.Select((t, c) => new CandidateAuc(t.ToString(), treeAucs[c].Mean))],
            LogisticCandidates = [.. penalties.Select((p, c) => new CandidateAuc(p.ToString(), logisticAucs[c].Mean))],
        };
    }

    private static float[] Inputs(ModelInputLayout layout, double?[] row)
    {
        var x = new float[layout.LogisticWidth];
        layout.Transform(row, x);
        return x;
    }

    private static void Fill(double[] scores, List<int> held, List<float[]> inputs, Func<float[], double> probability)
    {
        for (var j = 0; j < held.Count; j++)
        {
            scores[held[j]] = probability(inputs[j]);
        }
    }

    private static bool BothOutcomes(List<int> indexes, IReadOnlyList<bool> labels) =>
        indexes.Exists(i => labels[i]) && indexes.Exists(i => !labels[i]);

    /// <summary>The candidate with the highest mean fold AUC; the first (simplest) wins a tie.</summary>
    private static int Best(FoldAucs[] candidates)
    {
        var best = 0;
        var bestAuc = double.NegativeInfinity;
        for (var c = 0; c < candidates.Length; c++)
        {
            var auc = candidates[c].Mean;
            if (auc > bestAuc + 1e-12)
            {
                (best, bestAuc) = (c, auc);
            }
        }

        return best;
    }
}

/// <summary>What cross-validation chose and measured.</summary>
internal sealed record CrossValidationOutcome
{
    public required int Folds { get; init; }

    public required TreeSize Tree { get; init; }

    public required double LogisticL2 { get; init; }

    /// <summary>Step edges per feature of the chosen logistic regression (0 = linear inputs only).</summary>
    public required int LogisticSteps { get; init; }

    /// <summary>Fold AUCs of each model at the chosen settings, keyed by <see cref="ModelNames"/>.</summary>
    public required IReadOnlyDictionary<string, FoldAucs> Models { get; init; }

    /// <summary>The uncalibrated ensemble blend of each training row, from models that did not fit it.</summary>
    public required double[] OutOfFoldBlend { get; init; }

    /// <summary>The median number of trees early stopping kept in the folds; null without a challenger.</summary>
    public int? ChallengerTrees { get; init; }

    /// <summary>The challenger's margin of each training row, from a fold model that did not fit it; null without a challenger.</summary>
    public double[]? OutOfFoldChallengerMargins { get; init; }

    public required IReadOnlyList<CandidateAuc> TreeCandidates { get; init; }

    public required IReadOnlyList<CandidateAuc> LogisticCandidates { get; init; }

    /// <summary>What <c>train</c> prints.</summary>
    public CrossValidationReport ToReport() => new()
    {
        Folds = Folds,
        ChosenTree = Tree.ToString(),
        ChosenLogistic = new LogisticShape(LogisticSteps, LogisticL2).ToString(),
        Models = Models,
        TreeCandidates = TreeCandidates,
        LogisticCandidates = LogisticCandidates,
    };
}

/// <summary>
/// The cross-validation <c>train</c> ran inside the training side: the settings it chose and every model's fold AUCs
/// at them. Choosing the best of several candidates makes the chosen ones' figures slightly optimistic; the hold-out
/// measures are the unbiased ones.
/// </summary>
public sealed record CrossValidationReport
{
    /// <summary>Folds, by customer, stratified by outcome.</summary>
    public required int Folds { get; init; }

    public required string ChosenTree { get; init; }

    public required string ChosenLogistic { get; init; }

    /// <summary>Fold AUCs per model (logistic, tree, ensemble, challenger) at the chosen settings.</summary>
    public required IReadOnlyDictionary<string, FoldAucs> Models { get; init; }

    public required IReadOnlyList<CandidateAuc> TreeCandidates { get; init; }

    public required IReadOnlyList<CandidateAuc> LogisticCandidates { get; init; }
}

/// <summary>A candidate setting and its mean fold AUC.</summary>
public sealed record CandidateAuc(string Candidate, double MeanAuc);

/// <summary>A model's AUC on each cross-validation fold, with their mean and (population) standard deviation.</summary>
public sealed record FoldAucs(IReadOnlyList<double> Folds)
{
    public double Mean => Folds.Average();

    public double StandardDeviation => Math.Sqrt(Folds.Average(a => (a - Mean) * (a - Mean)));

    internal static FoldAucs Of(double[] scores, IReadOnlyList<bool> labels, int[] fold, int folds)
    {
        var aucs = new double[folds];
        for (var k = 0; k < folds; k++)
        {
            var s = new List<double>();
            var l = new List<bool>();
            for (var i = 0; i < scores.Length; i++)
            {
                if (fold[i] == k)
                {
                    s.Add(scores[i]);
                    l.Add(labels[i]);
                }
            }

            aucs[k] = BinaryMetrics.Auc(s, l);
        }

        return new FoldAucs(aucs);
    }
}

/// <summary>A logistic-regression candidate: step edges per feature (0 = linear) and the L2 penalty.</summary>
internal readonly record struct LogisticShape(int Steps, double L2)
{
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Steps == 0 ? "linear" : $"{Steps} steps a feature")}, L2 {L2}");
}
