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
/// Trains the three ML.NET models of a version on the same inputs (<see cref="ModelInputLayout"/>, <see cref="ModelFits"/>):
/// mean-variance normaliser + L-BFGS logistic regression (Platt-calibrated), one FastTree regression tree on the 0/1
/// outcome (leaves hold bad rates), and the LightGBM challenger (<see cref="ChallengerFit"/>). The tree's size and the
/// logistic regularisation are chosen by <see cref="CrossValidation"/> inside the training rows, whose out-of-fold
/// blends also calibrate the ensemble (<see cref="CrossFittedCalibration"/>). Single-threaded trainers, so a seed
/// gives the same model every time.
/// </summary>
internal sealed class ModelTrainer(ModelOptions options)
{
    /// <summary>
    /// Trains on <paramref name="rows"/> and returns the scoring model plus its package bytes. <paramref name="groups"/>
    /// holds the customer id of each row, so the cross-validation folds keep a customer's rows together; null treats
    /// every row as its own customer. <paramref name="featureNames"/> names the rows' columns: the feature engine's
    /// (<see cref="FeatureNames.Ordered"/>, the default) or another family's, e.g. a snapshot's.
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

        groups ??= [.. rows.Select((_, i) => i.ToString(CultureInfo.InvariantCulture))];

        // Judged on a cross-validation fold's share, the fewest rows any challenger fit sees.
        var tooFewForChallenger = withChallenger
            && !ChallengerFit.CanFit(rows.Count * (options.CrossValidationFolds - 1) / options.CrossValidationFolds, options);
        withChallenger &= !tooFewForChallenger;
        var cv = CrossValidation.Run(rows, labels, groups, options, seed, withChallenger, names);
        var treeSize = cv?.Tree ?? new TreeSize(options.TreeLeaves, options.TreeMinLeafSize);
        var l2 = cv?.LogisticL2 ?? options.LogisticL2;

        var layout = ModelInputLayout.Fit(names, rows, cv?.LogisticSteps ?? 0);
        var ml = new MLContext(seed);
        var data = ToDataView(ml, layout, rows, labels);
        var logisticData = ToDataView(ml, layout, rows, labels, logistic: true);
        var logisticModel = ModelFits.Logistic(ml, logisticData, l2, options.LogisticL1);
        var treeModel = ModelFits.Tree(ml, data, treeSize, seed);
        var challenger = !withChallenger ? null
            : cv is { ChallengerTrees: { } trees, OutOfFoldChallengerMargins: { } margins }
                ? CrossValidatedChallenger.Fit(ml, data, trees, margins, labels, options, seed)
                : ChallengerFit.Fit(ml, layout, [.. rows], [.. labels], [.. groups], options, seed);

        var logistic = ModelPackage.ExtractLogistic(logisticModel);
        var tree = ModelPackage.ExtractTrees(treeModel);
        var calibration = cv is null
            ? CalibrationOutcome.None("none: too few rows to cross-validate, so no out-of-fold blends to calibrate on")
            : CrossFittedCalibration.Fit(cv.OutOfFoldBlend, labels, cv.Folds);

        // The drift reference is the ensemble score on the training rows, so it needs a model first.
        var draft = new EnsembleRiskModel(versionId, names, layout, logistic, tree, challenger?.Scorer, options.LogisticWeight,
            new ScoreDistribution { Edges = [], Shares = [1] }, calibration.Scaling);
        var trainingScores = ScoreDistribution.FromScores(rows.Select(r => draft.Probabilities(r).Ensemble).ToList());
        var model = new EnsembleRiskModel(
            versionId, names, layout, logistic, tree, challenger?.Scorer, options.LogisticWeight, trainingScores, calibration.Scaling);

        var settings = Settings(seed, treeSize, l2, cv);
        settings["ensemble_calibration"] = calibration.Description;
        if (tooFewForChallenger)
        {
            settings["challenger"] = string.Create(CultureInfo.InvariantCulture,
                $"none: {rows.Count} training rows are too few for LightGBM trees of leaves with at least {options.ChallengerMinLeafSize} rows");
        }

        var manifest = new ModelManifest
        {
            FeatureNames = [.. names],
            Inputs = [.. layout.Rules],
            LogisticWeight = options.LogisticWeight,
            TreeWeight = options.TreeWeight,
            TrainingScores = trainingScores,
            EnsembleCalibration = calibration.Scaling,
            ChallengerCalibration = challenger?.Calibration,
            Settings = settings,
        };
        var bytes = ModelPackage.Write(manifest, logisticData.Schema, data.Schema, logisticModel, treeModel, challenger?.Model);
        return new TrainedModels(model, bytes, data.Schema, logisticModel, treeModel, challenger?.Model)
        {
            Calibration = calibration.Description,
            CrossValidation = cv,
        };
    }

    /// <summary>The rows as an ML.NET data view (also used by tests to run ML.NET's own predictions).</summary>
    /// <param name="ml">The context.</param>
    /// <param name="layout">The input layout.</param>
    /// <param name="rows">Engine vectors.</param>
    /// <param name="labels">Their outcomes.</param>
    /// <param name="logistic">True for the logistic regression's inputs (with the step columns), false for the trees'.</param>
    internal static IDataView ToDataView(
        MLContext ml, ModelInputLayout layout, IReadOnlyList<double?[]> rows, IReadOnlyList<bool> labels, bool logistic = false)
    {
        var width = logistic ? layout.LogisticWidth : layout.Width;
        var examples = new ModelExample[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var features = new float[width];
            layout.Transform(rows[i], features);
            examples[i] = new ModelExample { Label = labels[i], Outcome = labels[i] ? 1f : 0f, Features = features };
        }

        var schema = SchemaDefinition.Create(typeof(ModelExample));
        schema[ModelExample.FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(examples, schema);
    }

    private Dictionary<string, string> Settings(int seed, TreeSize tree, double l2, CrossValidationOutcome? cv)
    {
        string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seed"] = Text(seed),
            ["logistic_l1"] = Text(options.LogisticL1),
            ["logistic_l2"] = Text(l2),
            ["logistic_steps"] = Text(cv?.LogisticSteps ?? 0),
            ["tree_leaves"] = Text(tree.Leaves),
            ["tree_min_leaf_size"] = Text(tree.MinLeafSize),
            ["challenger"] = "lightgbm",
            ["challenger_max_trees"] = Text(options.ChallengerTrees),
            ["challenger_trees"] = cv?.ChallengerTrees is { } trees ? Text(trees) : "early-stopped on a kept-back split",
            ["challenger_leaves"] = Text(options.ChallengerLeaves),
            ["challenger_min_leaf_size"] = Text(options.ChallengerMinLeafSize),
            ["challenger_learning_rate"] = Text(options.ChallengerLearningRate),
            ["challenger_early_stopping_rounds"] = Text(options.ChallengerEarlyStoppingRounds),
            ["hyperparameters"] = cv is null
                ? "configured fallbacks: too few rows to cross-validate"
                : $"chosen by {cv.Folds}-fold cross-validation by customer on the training side",
        };
        return settings;
    }
}

/// <summary>What training produced: the scoring model, the package bytes, and the ML.NET models (kept for tests).</summary>
internal sealed record TrainedModels(
    EnsembleRiskModel Model, byte[] PackageBytes, DataViewSchema InputSchema, ITransformer Logistic, ITransformer Tree, ITransformer? Challenger)
{
    /// <summary>How the ensemble was calibrated, in one line (see <see cref="CrossFittedCalibration"/>).</summary>
    public string Calibration { get; init; } = "";

    /// <summary>What cross-validation chose and measured; null when the rows were too few to cross-validate.</summary>
    public CrossValidationOutcome? CrossValidation { get; init; }
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
