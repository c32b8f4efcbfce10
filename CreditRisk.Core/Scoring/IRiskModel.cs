namespace CreditRisk.Core.Scoring;

/// <summary>
/// A trained, ready-to-score model version: the calibrated logistic regression, the calibrated single decision tree
/// and their weighted ensemble. Implementations are immutable and thread-safe; scoring does not allocate.
/// </summary>
public interface IRiskModel
{
    /// <summary>Registry version id (<see cref="ModelVersion.Id"/>).</summary>
    string Version { get; }

    /// <summary>Feature names in the order <see cref="Score"/> expects them; equal to <c>FeatureNames.Ordered</c>.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Weight of the logistic probability in the ensemble (0–1); the tree gets 1 minus this.</summary>
    double LogisticWeight { get; }

    /// <summary>Scores one feature vector (missing values as null) in the order of <see cref="FeatureNames"/>.</summary>
    /// <exception cref="ArgumentException">The vector is shorter than <see cref="FeatureNames"/>.</exception>
    ModelScore Score(ReadOnlySpan<double?> features);

    /// <summary>
    /// Scores and explains one vector: per-feature contributions to the logistic part and up to
    /// <paramref name="maxReasons"/> plain-language reasons, most important first.
    /// </summary>
    ModelExplanation Explain(ReadOnlySpan<double?> features, int maxReasons = 4);
}

/// <summary>Probabilities of delinquency (0–1) from each part of a model version.</summary>
/// <param name="Logistic">Calibrated logistic-regression probability.</param>
/// <param name="Tree">Calibrated single-decision-tree probability.</param>
/// <param name="Ensemble">Weighted blend: logistic weight × <paramref name="Logistic"/> + tree weight × <paramref name="Tree"/>.</param>
public readonly record struct ModelScore(double Logistic, double Tree, double Ensemble);

/// <summary>A score with the reasons behind it.</summary>
public sealed record ModelExplanation
{
    public required ModelScore Score { get; init; }

    /// <summary>
    /// One entry per engine feature, in feature order: the logistic contribution in log-odds (coefficient ×
    /// standardised value, plus the missing-indicator term); positive raises the risk.
    /// </summary>
    public required IReadOnlyList<FeatureContribution> Contributions { get; init; }

    /// <summary>Up to the requested number of plain-language reasons (features that raise the risk), most important first.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
}

/// <summary>How much one feature moved the logistic score, in log-odds.</summary>
/// <param name="Feature">Feature name from <c>FeatureNames</c>.</param>
/// <param name="Value">The raw feature value; null when missing.</param>
/// <param name="Contribution">Log-odds contribution; positive raises the risk.</param>
public sealed record FeatureContribution(string Feature, double? Value, double Contribution);
