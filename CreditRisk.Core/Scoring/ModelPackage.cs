using System.Collections.Immutable;
using System.IO.Compression;
using System.Text.Json;
using CreditRisk.Core.Scoring.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// The bytes of a <see cref="ModelVersion"/>: a zip holding <c>manifest.json</c> and the ML.NET models
/// <c>logistic.zip</c> (normaliser + L-BFGS logistic regression), <c>tree.zip</c> (one FastTree regression tree on the
/// 0/1 outcome, whose leaves hold bad rates) and optionally
/// <c>challenger.zip</c> (boosted trees). Loading extracts each model's own parameters into the fast scorers, so
/// ML.NET is the single source of truth and never runs on the scoring path.
/// </summary>
public static class ModelPackage
{
    internal const string ManifestEntry = "manifest.json";
    internal const string LogisticEntry = "logistic.zip";
    internal const string TreeEntry = "tree.zip";
    internal const string ChallengerEntry = "challenger.zip";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Loads a registry entry for scoring, refusing it when its features differ from its family's (the feature engine's,
    /// or the snapshot columns' for a snapshot model, see <see cref="ModelFamilies"/>).
    /// </summary>
    /// <exception cref="ModelIncompatibleException">Different features, or a package that cannot be read.</exception>
    public static EnsembleRiskModel Load(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        ModelIncompatibleException.ThrowIfFeaturesDiffer(version.Id, version.FeatureNames, ModelFamilies.FeaturesOf(ModelFamilies.Of(version.FeatureNames)));
        return Load(version.Id, version.ModelBytes, version.Cutoffs?.ToBandCutoffs());
    }

    /// <summary>Loads package bytes for scoring under the id <paramref name="versionId"/>.</summary>
    /// <exception cref="ModelIncompatibleException">Different features, or a package that cannot be read.</exception>
    public static EnsembleRiskModel Load(string versionId, byte[] bytes) => Load(versionId, bytes, storedCutoffs: null);

    private static EnsembleRiskModel Load(string versionId, byte[] bytes, BandCutoffs? storedCutoffs)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var manifest = ReadManifest(zip);
            ModelIncompatibleException.ThrowIfFeaturesDiffer(
                versionId, manifest.FeatureNames, ModelFamilies.FeaturesOf(ModelFamilies.Of(manifest.FeatureNames)));
            var ml = new MLContext();
            var layout = new ModelInputLayout(manifest.Inputs);
            var logistic = ExtractLogistic(LoadModel(ml, zip, LogisticEntry)!);
            var tree = ExtractTrees(LoadModel(ml, zip, TreeEntry)!);
            var challengerModel = LoadModel(ml, zip, ChallengerEntry, optional: true);
            var challenger = challengerModel is null ? null : ExtractTrees(challengerModel);
            if (challenger is not null && manifest.ChallengerCalibration is { } challengerCalibration)
            {
                challenger = challenger.WithCalibration(challengerCalibration);
            }

            return new EnsembleRiskModel(
                versionId, manifest.FeatureNames, layout, logistic, tree, challenger, manifest.LogisticWeight, manifest.TrainingScores,
                manifest.EnsembleCalibration, storedCutoffs);
        }
        // Bytes from a store can be damaged or edited in any way, and ML.NET and the scorers' constructors refuse a
        // mismatch with whatever exception suits them (ArgumentException for a logistic model wider than the manifest's
        // layout). Every such failure means one thing to the callers: this package cannot serve, keep the previous one.
        catch (Exception e) when (e is not ModelIncompatibleException and not OutOfMemoryException and not OperationCanceledException)
        {
            throw new ModelIncompatibleException($"Model '{versionId}' cannot be read: {e.Message}", e);
        }
    }

    internal static byte[] Write(
        ModelManifest manifest, DataViewSchema logisticSchema, DataViewSchema treeSchema, ITransformer logistic, ITransformer tree, ITransformer? challenger)
    {
        var ml = new MLContext();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var stream = zip.CreateEntry(ManifestEntry).Open())
            {
                JsonSerializer.Serialize(stream, manifest, Json);
            }

            Save(ml, zip, LogisticEntry, logistic, logisticSchema);
            Save(ml, zip, TreeEntry, tree, treeSchema);
            if (challenger is not null)
            {
                Save(ml, zip, ChallengerEntry, challenger, treeSchema);
            }
        }

        return buffer.ToArray();
    }

    internal static ModelManifest ReadManifest(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return ReadManifest(zip);
    }

    /// <summary>Reads the ML.NET model stored under <paramref name="entry"/> (for tests that compare against ML.NET).</summary>
    internal static ITransformer? LoadModel(MLContext ml, byte[] bytes, string entry)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return LoadModel(ml, zip, entry, optional: true);
    }

    internal static LogisticScorer ExtractLogistic(ITransformer model)
    {
        var parts = Flatten(model).ToList();
        var normaliser = parts.OfType<NormalizingTransformer>().SingleOrDefault()
            ?? throw new InvalidOperationException("The logistic model has no normaliser.");
        if (normaliser.GetNormalizerModelParameters(0) is not NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine)
        {
            throw new InvalidOperationException("The logistic model's normaliser is not an affine vector normaliser.");
        }

        var linear = PredictorOf(parts) as CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>
            ?? throw new InvalidOperationException("The logistic model is not a Platt-calibrated linear model.");
        var weights = linear.SubModel.Weights.Select(w => (double)w).ToArray();
        var scale = affine.Scale.Select(s => (double)s).ToArray();
        var offset = affine.Offset.IsDefaultOrEmpty ? new double[weights.Length] : affine.Offset.Select(o => (double)o).ToArray();
        return new LogisticScorer(offset, scale, weights, linear.SubModel.Bias, new PlattScaling(linear.Calibrator.Slope, linear.Calibrator.Offset));
    }

    /// <summary>
    /// Extracts a Platt-calibrated FastTree or LightGBM classifier (ML.NET holds both in the same regression-tree form),
    /// or a FastTree regression tree whose output is a probability.
    /// </summary>
    internal static TreeEnsembleScorer ExtractTrees(ITransformer model)
    {
        var predictor = PredictorOf(Flatten(model).ToList());
        var (ensemble, calibration) = predictor switch
        {
            CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> c =>
                (c.SubModel.TrainedTreeEnsemble, (PlattScaling?)new PlattScaling(c.Calibrator.Slope, c.Calibrator.Offset)),
            CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> g =>
                (g.SubModel.TrainedTreeEnsemble, (PlattScaling?)new PlattScaling(g.Calibrator.Slope, g.Calibrator.Offset)),
            FastTreeRegressionModelParameters r => (r.TrainedTreeEnsemble, null),
            _ => throw new InvalidOperationException($"A tree model must be FastTree or LightGBM; found {predictor.GetType().Name}."),
        };
        var trees = new List<TreeParameters>(ensemble.Trees.Count);
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(f => f))
            {
                throw new InvalidOperationException("Categorical tree splits are not supported.");
            }

            trees.Add(new TreeParameters(
                [.. tree.NumericalSplitFeatureIndexes],
                [.. tree.NumericalSplitThresholds],
                [.. tree.LeftChild],
                [.. tree.RightChild],
                [.. tree.LeafValues],
                ensemble.TreeWeights[t]));
        }

        return new TreeEnsembleScorer(trees, ensemble.Bias, calibration);
    }

    private static ModelManifest ReadManifest(ZipArchive zip)
    {
        var entry = zip.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"The package has no {ManifestEntry}.");
        using var stream = entry.Open();
        var manifest = JsonSerializer.Deserialize<ModelManifest>(stream, Json)
            ?? throw new InvalidDataException($"{ManifestEntry} is empty.");
        if (manifest.Format != ModelManifest.CurrentFormat)
        {
            throw new InvalidDataException($"Package format {manifest.Format} is not supported (expected {ModelManifest.CurrentFormat}).");
        }

        // "required" only asks that the names appear; an explicit null would otherwise surface deep inside the load.
        if (manifest.FeatureNames is null || manifest.Inputs is null || manifest.TrainingScores is null)
        {
            throw new InvalidDataException($"{ManifestEntry} lacks its feature names, input rules or training scores.");
        }

        return manifest;
    }

    private static object PredictorOf(List<ITransformer> parts) =>
        parts.OfType<ISingleFeaturePredictionTransformer<object>>().LastOrDefault()?.Model
        ?? throw new InvalidOperationException("The model has no predictor.");

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    private static void Save(MLContext ml, ZipArchive zip, string entry, ITransformer model, DataViewSchema schema)
    {
        using var inner = new MemoryStream();
        ml.Model.Save(model, schema, inner);
        using var stream = zip.CreateEntry(entry, CompressionLevel.NoCompression).Open();
        inner.Position = 0;
        inner.CopyTo(stream);
    }

    private static ITransformer? LoadModel(MLContext ml, ZipArchive zip, string entry, bool optional = false)
    {
        if (zip.GetEntry(entry) is not { } found)
        {
            return optional ? null : throw new InvalidDataException($"The package has no {entry}.");
        }

        using var copy = new MemoryStream();
        using (var stream = found.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        return ml.Model.Load(copy, out _);
    }
}
