using CreditRisk.Core.Scoring;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace CreditRisk.Core.Training;

/// <summary>
/// The ML.NET fits behind a version, each single-threaded with the seed so the same rows give the same model:
/// the logistic regression, the single tree and the LightGBM challenger. Shared by the final fit and every
/// cross-validation fold, so what is measured is what is trained.
/// </summary>
internal static class ModelFits
{
    /// <summary>Mean-variance normaliser + L-BFGS logistic regression (Platt-calibrated by the trainer).</summary>
    public static ITransformer Logistic(MLContext ml, IDataView data, double l2, double l1) =>
        ml.Transforms.NormalizeMeanVariance(ModelExample.FeaturesColumn, fixZero: false)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = ModelExample.LabelColumn,
                FeatureColumnName = ModelExample.FeaturesColumn,
                L1Regularization = (float)l1,
                L2Regularization = (float)l2,
                NumberOfThreads = 1,
            }))
            .Fit(data);

    // A least-squares tree on the 0/1 outcome is a CART classification tree (variance p(1 − p) is half the Gini
    // impurity) whose leaves hold their training bad rate: a calibrated probability without a fitted calibrator.
    // A one-tree FastTree classifier's Platt scaling cannot map its few leaf values onto their rates.
    public static ITransformer Tree(MLContext ml, IDataView data, TreeSize size, int seed) =>
        ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = ModelExample.OutcomeColumn,
            FeatureColumnName = ModelExample.FeaturesColumn,
            NumberOfTrees = 1,
            NumberOfLeaves = size.Leaves,
            MinimumExampleCountPerLeaf = size.MinLeafSize,
            LearningRate = 1,
            NumberOfThreads = 1,
            Seed = seed,
        }).Fit(data);

    /// <summary>
    /// LightGBM gradient-boosted trees, stopped when the log-loss on <paramref name="validation"/> has not improved
    /// for <see cref="ModelOptions.ChallengerEarlyStoppingRounds"/> rounds (at most <see cref="ModelOptions.ChallengerTrees"/>);
    /// without validation rows, all the trees (<paramref name="trees"/> when given, e.g. the folds' early-stopped count).
    /// </summary>
    public static ITransformer Challenger(MLContext ml, IDataView train, IDataView? validation, ModelOptions options, int seed, int? trees = null)
    {
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = ModelExample.LabelColumn,
            FeatureColumnName = ModelExample.FeaturesColumn,
            NumberOfIterations = trees ?? options.ChallengerTrees,
            NumberOfLeaves = options.ChallengerLeaves,
            MinimumExampleCountPerLeaf = options.ChallengerMinLeafSize,
            LearningRate = options.ChallengerLearningRate,
            EarlyStoppingRound = validation is null ? 0 : options.ChallengerEarlyStoppingRounds,
            EvaluationMetric = LightGbmBinaryTrainer.Options.EvaluateMetricType.Logloss,
            NumberOfThreads = 1,
            Seed = seed,
            Silent = true,
            Verbose = false,
        });
        return validation is null ? trainer.Fit(train) : trainer.Fit(train, validation);
    }
}

/// <summary>The size of the single decision tree: its leaves and the fewest training rows in a leaf.</summary>
internal readonly record struct TreeSize(int Leaves, int MinLeafSize)
{
    public override string ToString() => $"{Leaves} leaves, at least {MinLeafSize} rows a leaf";
}
