using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// A model version ready to score: the shared input layout, the logistic and single-tree scorers blended by fixed
/// weights and the blend recalibrated (Platt scaling of its logit, fitted on rows the blended models did not see; none
/// for versions trained before), and optionally the challenger (reported beside the champion, never used for bands).
/// Built from the ML.NET models' own parameters by <see cref="ModelPackage"/>; immutable and thread-safe.
/// <see cref="Probabilities"/> does not allocate; <see cref="Score"/> adds the contributions.
/// </summary>
public sealed class EnsembleRiskModel : IRiskModel
{
    private readonly LogisticScorer _logistic;
    private readonly TreeEnsembleScorer _tree;
    private readonly TreeEnsembleScorer? _challenger;

    internal EnsembleRiskModel(
        string version,
        IReadOnlyList<string> featureNames,
        ModelInputLayout layout,
        LogisticScorer logistic,
        TreeEnsembleScorer tree,
        TreeEnsembleScorer? challenger,
        double logisticWeight,
        ScoreDistribution trainingScores,
        PlattScaling? calibration,
        BandCutoffs? storedCutoffs = null)
    {
        if (logistic.Width != layout.LogisticWidth)
        {
            throw new ArgumentException($"The logistic model has {logistic.Width} inputs; the layout has {layout.LogisticWidth}.");
        }

        Version = version;
        FeatureNames = [.. featureNames];
        Layout = layout;
        _logistic = logistic;
        _tree = tree;
        _challenger = challenger;
        LogisticWeight = logisticWeight;
        TrainingScores = trainingScores;
        Calibration = calibration;
        StoredCutoffs = storedCutoffs;
    }

    public string Version { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Weight of the logistic probability in the ensemble (0–1); the tree gets 1 minus this.</summary>
    public double LogisticWeight { get; }

    /// <summary>Deciles of the ensemble probability on the training split: the reference for drift (PSI).</summary>
    public ScoreDistribution TrainingScores { get; }

    /// <summary>The band cut-offs chosen for this version at training (<see cref="ModelVersion.Cutoffs"/>); null for older versions.</summary>
    public BandCutoffs? StoredCutoffs { get; }

    /// <summary>Whether a challenger is packaged with this version.</summary>
    public bool HasChallenger => _challenger is not null;

    internal ModelInputLayout Layout { get; }

    internal LogisticScorer Logistic => _logistic;

    internal TreeEnsembleScorer Tree => _tree;

    internal TreeEnsembleScorer? Challenger => _challenger;

    /// <summary>Maps the logit of the weighted blend to the ensemble probability; null = the blend is the probability.</summary>
    internal PlattScaling? Calibration { get; }

    public ModelProbabilities Probabilities(ReadOnlySpan<double?> features)
    {
        Span<float> x = stackalloc float[Layout.LogisticWidth];
        Layout.Transform(features, x);
        return Blend(x);
    }

    public ModelScore Score(ReadOnlySpan<double?> features)
    {
        Span<float> x = stackalloc float[Layout.LogisticWidth];
        Layout.Transform(features, x);
        var probabilities = Blend(x);
        return new ModelScore(probabilities.Logistic, probabilities.Tree, probabilities.Ensemble, Contributions(features, x));
    }

    public IReadOnlyList<string> Reasons(ReadOnlySpan<double?> features, int maxReasons = 4)
    {
        Span<float> x = stackalloc float[Layout.LogisticWidth];
        Layout.Transform(features, x);
        return ReasonPhrases.Top(Contributions(features, x), maxReasons);
    }

    /// <summary>The challenger's probability (0–1); null when no challenger is packaged.</summary>
    public double? ScoreChallenger(ReadOnlySpan<double?> features)
    {
        if (_challenger is null)
        {
            return null;
        }

        Span<float> x = stackalloc float[Layout.LogisticWidth];
        Layout.Transform(features, x);
        return _challenger.Probability(x);
    }

    /// <summary>Logistic log-odds per feature (value column, missing indicator and steps), largest absolute first.</summary>
    private FeatureContribution[] Contributions(ReadOnlySpan<double?> features, ReadOnlySpan<float> x)
    {
        Span<double> columns = stackalloc double[Layout.LogisticWidth];
        _logistic.Contributions(x, columns);
        Span<double> perFeature = stackalloc double[FeatureNames.Count];
        perFeature.Clear();
        for (var c = 0; c < columns.Length; c++)
        {
            perFeature[Layout.ColumnFeature[c]] += columns[c];
        }

        var contributions = new FeatureContribution[FeatureNames.Count];
        for (var f = 0; f < contributions.Length; f++)
        {
            var value = features[f] is { } v && double.IsFinite(v) ? v : (double?)null;
            contributions[f] = new FeatureContribution(FeatureNames[f], perFeature[f]) { Value = value };
        }

        Array.Sort(contributions, static (a, b) => Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution)));
        return contributions;
    }

    private ModelProbabilities Blend(ReadOnlySpan<float> x)
    {
        var logistic = _logistic.Probability(x);
        var tree = _tree.Probability(x);
        var blend = (LogisticWeight * logistic) + ((1 - LogisticWeight) * tree);
        var ensemble = Calibration is { } calibration ? calibration.Probability(PlattScaling.Logit(blend)) : blend;
        return new ModelProbabilities(logistic, tree, ensemble);
    }
}
