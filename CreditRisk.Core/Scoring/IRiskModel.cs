using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// A trained delinquency model ready to score feature vectors (the champion from the registry, loaded by
/// <see cref="ModelPackage"/>). Implementations must be thread-safe: the pipeline scores from many threads at once.
/// </summary>
public interface IRiskModel
{
    /// <summary>The registry version id (<see cref="ModelVersion.Id"/>) this model was loaded from.</summary>
    string Version { get; }

    /// <summary>Feature names in the order <see cref="Score"/> expects; the pipeline uses the model only when they are the first names of <c>FeatureNames.Ordered</c> (<see cref="Features.FeatureNames.AreLeadingOf"/>).</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>
    /// The band cut-offs chosen for this version at training from the alert budget, which the version brings when it
    /// becomes champion (see <c>BandCutoffResolver</c>); null when none were stored (versions trained before).
    /// </summary>
    BandCutoffs? StoredCutoffs => null;

    /// <summary>Scores one vector (missing features are null) and explains the result.</summary>
    ModelScore Score(ReadOnlySpan<double?> features);

    /// <summary>The probabilities alone, without contributions: allocation-free, for bulk scoring (rescore, evaluation).</summary>
    ModelProbabilities Probabilities(ReadOnlySpan<double?> features)
    {
        var score = Score(features);
        return new ModelProbabilities(score.Logistic, score.Tree, score.Ensemble);
    }

    /// <summary>
    /// Up to <paramref name="maxReasons"/> plain-language reasons for the score, most important first, e.g.
    /// "Cash withdrawals are 46% of your spending" (see <see cref="ReasonPhrases"/>).
    /// </summary>
    IReadOnlyList<string> Reasons(ReadOnlySpan<double?> features, int maxReasons = 4) =>
        ReasonPhrases.Top(Score(features).Contributions, maxReasons);
}

/// <summary>Probabilities of delinquency (0–1) from each model and their weighted ensemble.</summary>
/// <param name="Logistic">Logistic-regression probability.</param>
/// <param name="Tree">Decision-tree probability.</param>
/// <param name="Ensemble">
/// The ensemble: the weighted blend (by default 0.6 logistic + 0.4 tree), recalibrated for versions trained with a
/// calibration (see <see cref="EnsembleRiskModel"/>). The bands are cut from this probability.
/// </param>
/// <param name="Contributions">
/// Per-feature contributions, largest absolute first; positive raises the risk. For <see cref="EnsembleRiskModel"/>
/// these are the logistic part's log-odds terms (coefficient × standardised value, plus the missing-indicator term).
/// </param>
public sealed record ModelScore(double Logistic, double Tree, double Ensemble, IReadOnlyList<FeatureContribution> Contributions);

/// <summary>How much one feature moved the score (in the model's own units, e.g. log-odds); positive raises the risk.</summary>
public sealed record FeatureContribution(string Feature, double Contribution)
{
    /// <summary>The raw feature value the contribution is for; null when missing or not reported.</summary>
    public double? Value { get; init; }
}

/// <summary>Probabilities of delinquency (0–1) without explanations; see <see cref="ModelScore"/>.</summary>
public readonly record struct ModelProbabilities(double Logistic, double Tree, double Ensemble);
