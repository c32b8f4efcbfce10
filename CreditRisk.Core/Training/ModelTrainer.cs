using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace CreditRisk.Core.Training;

/// <summary>
/// Trains the three ML.NET models of a version on the same inputs (<see cref="ModelInputLayout"/>):
/// mean-variance normaliser + L-BFGS logistic regression (Platt-calibrated), one FastTree regression tree on the 0/1
/// outcome (leaves hold bad rates), and the boosted FastTree challenger (Platt-calibrated); then the ensemble blend is
/// recalibrated on out-of-fold blends (<see cref="CrossFittedCalibration"/>). Single-threaded trainers, so a seed gives
/// the same model every time.
/// </summary>
internal sealed class ModelTrainer(ModelOptions options)
{
    /// <summary>
    /// Trains on <paramref name="rows"/> and returns the scoring model plus its package bytes. <paramref name="groups"/>
    /// holds the customer id of each row, so the calibration's folds keep a customer's rows together (see
    /// <see cref="CrossFittedCalibration"/>); null treats every row as its own customer. <paramref name="featureNames"/>
    /// names the rows' columns: the feature engine's (<see cref="FeatureNames.Ordered"/>, the default) or another
    /// family's, e.g. a snapshot's.
    /// </summary>
    public TrainedModels Train(
        string versionId,
        IReadOnlyList<double?[]> rows,
        IReadOnlyList<bool> labels,
        int seed,
        bool withChallenger = true,
        IReadOnlyList<string>? groups = null,
        IReadOnlyList<string>? featureNames = null)
    {
        var names = featureNames ?? FeatureNames.Ordered;
        if (rows.Count != labels.Count)
        {
            throw new ArgumentException($"{rows.Count} rows but {labels.Count} labels.");
        }

        if (groups is not null && groups.Count != rows.Count)
        {
            throw new ArgumentException($"{rows.Count} rows but {groups.Count} groups.");
        }

        if (!labels.Contains(true) || !labels.Contains(false))
        {
            throw new TrainingDataException("The training rows need both outcomes (some label 1 and some label 0).");
        }

        var layout = ModelInputLayout.Fit(names, rows);
        var ml = new MLContext(seed);
        var data = ToDataView(ml, layout, rows, labels);
        var logisticModel = FitLogistic(ml, data);
        var treeModel = FitTree(ml, data, seed);

        ITransformer? challengerModel = withChallenger
            ? ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = ModelExample.LabelColumn,
                FeatureColumnName = ModelExample.FeaturesColumn,
                NumberOfTrees = options.ChallengerTrees,
                NumberOfLeaves = options.ChallengerLeaves,
                MinimumExampleCountPerLeaf = options.ChallengerMinLeafSize,
                LearningRate = options.ChallengerLearningRate,
                NumberOfThreads = 1,
                Seed = seed,
            }).Fit(data)
            : null;

        var logistic = ModelPackage.ExtractLogistic(logisticModel);
        var tree = ModelPackage.ExtractTrees(treeModel);
        var challenger = challengerModel is null ? null : ModelPackage.ExtractTrees(challengerModel);
        var calibration = CrossFittedCalibration.Fit(
            rows, labels, groups ?? [.. rows.Select((_, i) => i.ToString(CultureInfo.InvariantCulture))], seed, (r, l) => FitBlend(r, l, seed, names));

        // The drift reference is the ensemble score on the training rows, so it needs a model first.
        var draft = new EnsembleRiskModel(versionId, names, layout, logistic, tree, challenger, options.LogisticWeight,
            new ScoreDistribution { Edges = [], Shares = [1] }, calibration.Scaling);
        var trainingScores = ScoreDistribution.FromScores(rows.Select(r => draft.Probabilities(r).Ensemble).ToList());
        var model = new EnsembleRiskModel(
            versionId, names, layout, logistic, tree, challenger, options.LogisticWeight, trainingScores, calibration.Scaling);

        var settings = Settings(seed);
        settings["ensemble_calibration"] = calibration.Description;
        var manifest = new ModelManifest
        {
            FeatureNames = [.. names],
            Inputs = [.. layout.Rules],
            LogisticWeight = options.LogisticWeight,
            TreeWeight = options.TreeWeight,
            TrainingScores = trainingScores,
            EnsembleCalibration = calibration.Scaling,
            Settings = settings,
        };
        var bytes = ModelPackage.Write(manifest, data.Schema, logisticModel, treeModel, challengerModel);
        return new TrainedModels(model, bytes, data.Schema, logisticModel, treeModel, challengerModel) { Calibration = calibration.Description };
    }

    /// <summary>The rows as an ML.NET data view (also used by tests to run ML.NET's own predictions).</summary>
    internal static IDataView ToDataView(MLContext ml, ModelInputLayout layout, IReadOnlyList<double?[]> rows, IReadOnlyList<bool> labels)
    {
        var examples = new ModelExample[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var features = new float[layout.Width];
            layout.Transform(rows[i], features);
            examples[i] = new ModelExample { Label = labels[i], Outcome = labels[i] ? 1f : 0f, Features = features };
        }

        var schema = SchemaDefinition.Create(typeof(ModelExample));
        schema[ModelExample.FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, layout.Width);
        return ml.Data.LoadFromEnumerable(examples, schema);
    }

    /// <summary>The uncalibrated blend of a logistic model and a tree fitted on <paramref name="rows"/> alone (a calibration fold).</summary>
    private Func<double?[], double> FitBlend(IReadOnlyList<double?[]> rows, IReadOnlyList<bool> labels, int seed, IReadOnlyList<string> names)
    {
        var layout = ModelInputLayout.Fit(names, rows);
        var ml = new MLContext(seed);
        var data = ToDataView(ml, layout, rows, labels);
        var blend = new EnsembleRiskModel("fold", names, layout,
            ModelPackage.ExtractLogistic(FitLogistic(ml, data)), ModelPackage.ExtractTrees(FitTree(ml, data, seed)), null,
            options.LogisticWeight, new ScoreDistribution { Edges = [], Shares = [1] }, calibration: null);
        return row => blend.Probabilities(row).Ensemble;
    }

    private ITransformer FitLogistic(MLContext ml, IDataView data) =>
        ml.Transforms.NormalizeMeanVariance(ModelExample.FeaturesColumn, fixZero: false)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = ModelExample.LabelColumn,
                FeatureColumnName = ModelExample.FeaturesColumn,
                L1Regularization = (float)options.LogisticL1,
                L2Regularization = (float)options.LogisticL2,
                NumberOfThreads = 1,
            }))
            .Fit(data);

    // A least-squares tree on the 0/1 outcome is a CART classification tree (variance p(1 − p) is half the Gini
    // impurity) whose leaves hold their training bad rate: a calibrated probability without a fitted calibrator.
    // A one-tree FastTree classifier's Platt scaling cannot map its few leaf values onto their rates.
    private ITransformer FitTree(MLContext ml, IDataView data, int seed) =>
        ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = ModelExample.OutcomeColumn,
            FeatureColumnName = ModelExample.FeaturesColumn,
            NumberOfTrees = 1,
            NumberOfLeaves = options.TreeLeaves,
            MinimumExampleCountPerLeaf = options.TreeMinLeafSize,
            LearningRate = 1,
            NumberOfThreads = 1,
            Seed = seed,
        }).Fit(data);

    private Dictionary<string, string> Settings(int seed) => new(StringComparer.Ordinal)
    {
        ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["logistic_l1"] = options.LogisticL1.ToString(CultureInfo.InvariantCulture),
        ["logistic_l2"] = options.LogisticL2.ToString(CultureInfo.InvariantCulture),
        ["tree_leaves"] = options.TreeLeaves.ToString(CultureInfo.InvariantCulture),
        ["tree_min_leaf_size"] = options.TreeMinLeafSize.ToString(CultureInfo.InvariantCulture),
        ["challenger_trees"] = options.ChallengerTrees.ToString(CultureInfo.InvariantCulture),
        ["challenger_leaves"] = options.ChallengerLeaves.ToString(CultureInfo.InvariantCulture),
        ["challenger_min_leaf_size"] = options.ChallengerMinLeafSize.ToString(CultureInfo.InvariantCulture),
        ["challenger_learning_rate"] = options.ChallengerLearningRate.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>What training produced: the scoring model, the package bytes, and the ML.NET models (kept for tests).</summary>
internal sealed record TrainedModels(
    EnsembleRiskModel Model, byte[] PackageBytes, DataViewSchema InputSchema, ITransformer Logistic, ITransformer Tree, ITransformer? Challenger)
{
    /// <summary>How the ensemble was calibrated, in one line (see <see cref="CrossFittedCalibration"/>).</summary>
    public string Calibration { get; init; } = "";
}

/// <summary>One ML.NET training row.</summary>
internal sealed class ModelExample
{
    public const string LabelColumn = nameof(Label);
    public const string OutcomeColumn = nameof(Outcome);
    public const string FeaturesColumn = nameof(Features);

    public bool Label { get; set; }

    /// <summary><see cref="Label"/> as 1 or 0, the regression target of the single tree.</summary>
    public float Outcome { get; set; }

    public float[] Features { get; set; } = [];
}
