namespace CreditRisk.Core.Scoring;

/// <summary>
/// A trained delinquency model ready to score feature vectors (the champion from the registry, loaded by the model
/// issue's trainer). Implementations must be thread-safe: the pipeline scores from many threads at once.
/// </summary>
public interface IRiskModel
{
    /// <summary>The registry version id (<see cref="ModelVersion.Id"/>) this model was loaded from.</summary>
    string Version { get; }

    /// <summary>Feature names in the order <see cref="Score"/> expects; the pipeline uses the model only when they equal <c>FeatureNames.Ordered</c>.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Scores one vector (missing features are null) and explains the result.</summary>
    ModelScore Score(ReadOnlySpan<double?> features);
}

/// <summary>Probabilities of delinquency (0–1) from each model and their weighted ensemble.</summary>
/// <param name="Logistic">Logistic-regression probability.</param>
/// <param name="Tree">Decision-tree probability.</param>
/// <param name="Ensemble">The weighted ensemble (by default 0.6 logistic + 0.4 tree).</param>
/// <param name="Contributions">Per-feature contributions to the ensemble, largest absolute first; positive raises the risk.</param>
public sealed record ModelScore(double Logistic, double Tree, double Ensemble, IReadOnlyList<FeatureContribution> Contributions);

/// <summary>How much one feature moved the score (in the model's own units, e.g. log-odds); positive raises the risk.</summary>
public sealed record FeatureContribution(string Feature, double Contribution);
