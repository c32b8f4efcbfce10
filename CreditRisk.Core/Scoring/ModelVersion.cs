namespace CreditRisk.Core.Scoring;

/// <summary>A trained model in the registry. Exactly one version is the champion the pipeline scores with.</summary>
public sealed record ModelVersion
{
    /// <summary>Version id, e.g. <c>20261126-104512-a1b2</c>.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public bool IsChampion { get; init; }

    public DateTimeOffset? PromotedAt { get; init; }

    /// <summary>Serialised model (the trainer's own format).</summary>
    public required byte[] ModelBytes { get; init; }

    /// <summary>Feature names in the order the model expects them; must match the feature engine.</summary>
    public required List<string> FeatureNames { get; init; }

    /// <summary>Hold-out metrics by model (<c>logistic</c>, <c>tree</c>, <c>ensemble</c>, <c>challenger</c>) then metric name.</summary>
    public Dictionary<string, Dictionary<string, double>> Metrics { get; init; } = [];

    /// <summary>
    /// Hold-out ROC and calibration of the ensemble; null for versions registered before curves were kept, so
    /// older registry documents still load.
    /// </summary>
    public ModelCurves? Curves { get; init; }

    /// <summary>Facts about the training data: rows, positives, date range and so on.</summary>
    public Dictionary<string, string> TrainingSummary { get; init; } = [];
}
