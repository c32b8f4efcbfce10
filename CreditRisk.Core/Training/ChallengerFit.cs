using CreditRisk.Core.Scoring;
using Microsoft.ML;

namespace CreditRisk.Core.Training;

/// <summary>
/// Fits the LightGBM challenger the one way it is always fitted (finally and in every cross-validation fold): a
/// customer split of its rows (<see cref="ModelOptions.ChallengerValidationShare"/>) is kept back, boosting stops when
/// the log-loss there stops improving, and the margin is Platt-scaled on those kept-back rows, which the trees did not
/// fit (LightGBM's own calibrator is fitted on the rows the trees learnt from, and boosted trees are over-confident there).
/// </summary>
internal static class ChallengerFit
{
    /// <summary>
    /// Whether LightGBM can grow trees on <paramref name="rows"/> rows: the rows left once its validation share is kept
    /// back must hold two leaves of <see cref="ModelOptions.ChallengerMinLeafSize"/>. Below that every tree is a single
    /// leaf, which ML.NET cannot even turn into a model (it throws), and a stump ranks nobody anyway.
    /// </summary>
    public static bool CanFit(int rows, ModelOptions options) =>
        rows * (1 - options.ChallengerValidationShare) >= 2 * options.ChallengerMinLeafSize;

    public static FittedChallenger Fit(
        MLContext ml, ModelInputLayout layout, List<double?[]> rows, List<bool> labels, List<string> groups, ModelOptions options, int seed)
    {
        var parts = Math.Max(2, (int)Math.Round(1 / options.ChallengerValidationShare));
        var part = CustomerFolds.Assign(groups, labels, parts, seed);
        var train = Enumerable.Range(0, rows.Count).Where(i => part[i] != 0).ToList();
        var validation = Enumerable.Range(0, rows.Count).Where(i => part[i] == 0).ToList();
        if (!validation.Exists(i => labels[i]) || !validation.Exists(i => !labels[i]) || !train.Exists(i => labels[i]))
        {
            // Too few rows to keep any back: boost on everything for the configured number of trees, uncalibrated by us.
            var all = ModelTrainer.ToDataView(ml, layout, rows, labels);
            var whole = ModelFits.Challenger(ml, all, validation: null, options, seed);
            return new FittedChallenger(whole, ModelPackage.ExtractTrees(whole), Calibration: null);
        }

        var model = ModelFits.Challenger(
            ml,
            ModelTrainer.ToDataView(ml, layout, train.ConvertAll(i => rows[i]), train.ConvertAll(i => labels[i])),
            ModelTrainer.ToDataView(ml, layout, validation.ConvertAll(i => rows[i]), validation.ConvertAll(i => labels[i])),
            options,
            seed);
        var scorer = ModelPackage.ExtractTrees(model);
        var x = new float[layout.Width]; // the trees read the shared columns only
        var margins = validation.ConvertAll(i =>
        {
            layout.Transform(rows[i], x);
            return scorer.Margin(x);
        });
        var platt = PlattFit.Fit(margins, validation.ConvertAll(i => labels[i]));
        return platt is { Slope: < 0 } scaling
            ? new FittedChallenger(model, scorer.WithCalibration(scaling), scaling)
            : new FittedChallenger(model, scorer, Calibration: null);
    }
}

/// <summary>
/// The final challenger after cross-validation: as many trees as early stopping kept in the median fold, boosted on
/// every training row (none held back, so no split's luck decides the model), and Platt-scaled on the folds'
/// out-of-fold margins.
/// </summary>
internal static class CrossValidatedChallenger
{
    public static FittedChallenger Fit(
        MLContext ml, IDataView data, int trees, IReadOnlyList<double> outOfFoldMargins, IReadOnlyList<bool> labels, ModelOptions options, int seed)
    {
        var model = ModelFits.Challenger(ml, data, validation: null, options, seed, trees: Math.Max(1, trees));
        var scorer = ModelPackage.ExtractTrees(model);
        return PlattFit.Fit(outOfFoldMargins, labels) is { Slope: < 0 } scaling
            ? new FittedChallenger(model, scorer.WithCalibration(scaling), scaling)
            : new FittedChallenger(model, scorer, Calibration: null);
    }
}

/// <summary>The ML.NET challenger, its fast scorer, and the Platt scaling fitted on kept-back rows (null = LightGBM's own).</summary>
internal sealed record FittedChallenger(ITransformer Model, TreeEnsembleScorer Scorer, PlattScaling? Calibration)
{
    public double Probability(float[] x) => Scorer.Probability(x);
}
