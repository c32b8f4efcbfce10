using System.Collections.Immutable;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// A model version ready to score: the shared input layout, the logistic and single-tree scorers blended by fixed
/// weights, and optionally the challenger (reported beside the champion, never used for bands).
/// Built from the ML.NET models' own parameters by <see cref="ModelPackage"/>; immutable and thread-safe.
/// </summary>
public sealed class EnsembleRiskModel : IRiskModel
{
    /// <summary>A feature is given as a reason only when it adds at least this much to the log-odds (0.05).</summary>
    public const double MinReasonContribution = 0.05;

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
        ScoreDistribution trainingScores)
    {
        if (logistic.Width != layout.Width)
        {
            throw new ArgumentException($"The logistic model has {logistic.Width} inputs; the layout has {layout.Width}.");
        }

        Version = version;
        FeatureNames = [.. featureNames];
        Layout = layout;
        _logistic = logistic;
        _tree = tree;
        _challenger = challenger;
        LogisticWeight = logisticWeight;
        TrainingScores = trainingScores;
    }

    public string Version { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public double LogisticWeight { get; }

    /// <summary>Deciles of the ensemble probability on the training split: the reference for drift (PSI).</summary>
    public ScoreDistribution TrainingScores { get; }

    /// <summary>Whether a challenger is packaged with this version.</summary>
    public bool HasChallenger => _challenger is not null;

    internal ModelInputLayout Layout { get; }

    internal LogisticScorer Logistic => _logistic;

    internal TreeEnsembleScorer Tree => _tree;

    internal TreeEnsembleScorer? Challenger => _challenger;

    public ModelScore Score(ReadOnlySpan<double?> features)
    {
        Span<float> x = stackalloc float[Layout.Width];
        Layout.Transform(features, x);
        return Blend(x);
    }

    /// <summary>The challenger's probability (0–1); null when no challenger is packaged.</summary>
    public double? ScoreChallenger(ReadOnlySpan<double?> features)
    {
        if (_challenger is null)
        {
            return null;
        }

        Span<float> x = stackalloc float[Layout.Width];
        Layout.Transform(features, x);
        return _challenger.Probability(x);
    }

    public ModelExplanation Explain(ReadOnlySpan<double?> features, int maxReasons = 4)
    {
        Span<float> x = stackalloc float[Layout.Width];
        Layout.Transform(features, x);
        Span<double> columns = stackalloc double[Layout.Width];
        _logistic.Contributions(x, columns);

        var perFeature = new double[FeatureNames.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            perFeature[Layout.ColumnFeature[c]] += columns[c];
        }

        var contributions = new FeatureContribution[FeatureNames.Count];
        for (var f = 0; f < contributions.Length; f++)
        {
            contributions[f] = new FeatureContribution(FeatureNames[f], features[f], perFeature[f]);
        }

        var reasons = contributions
            .Where(c => c.Contribution >= MinReasonContribution && c.Value is not null)
            .OrderByDescending(c => c.Contribution)
            .Select(c => ReasonPhrases.Describe(c.Feature, c.Value))
            .OfType<string>()
            .Take(Math.Max(0, maxReasons))
            .ToImmutableArray();

        return new ModelExplanation { Score = Blend(x), Contributions = contributions, Reasons = reasons };
    }

    private ModelScore Blend(ReadOnlySpan<float> x)
    {
        var logistic = _logistic.Probability(x);
        var tree = _tree.Probability(x);
        return new ModelScore(logistic, tree, (LogisticWeight * logistic) + ((1 - LogisticWeight) * tree));
    }
}
