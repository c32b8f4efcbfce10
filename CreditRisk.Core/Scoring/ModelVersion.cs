using CreditRisk.Core.Scoring.Cutoffs;

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

    /// <summary>
    /// Hold-out ROC and calibration by model, keyed like <see cref="Metrics"/> (<c>logistic</c>, <c>tree</c>,
    /// <c>ensemble</c>, <c>challenger</c>) so the admin page can show why the ensemble is champion. Empty for versions
    /// registered before per-model curves were kept; those may still carry the ensemble's in <see cref="Curves"/>,
    /// which new versions keep filling too (the same curves as the <c>ensemble</c> entry here).
    /// </summary>
    public Dictionary<string, ModelCurves> CurvesByModel { get; init; } = [];

    /// <summary>
    /// Every stored curve set by model name: <see cref="CurvesByModel"/>, plus <see cref="Curves"/> as
    /// <c>ensemble</c> when a version registered before per-model curves has only that; empty when none were kept.
    /// </summary>
    public IReadOnlyDictionary<string, ModelCurves> CurvesOfEachModel()
    {
        if (Curves is null || CurvesByModel.ContainsKey(ModelNames.Ensemble))
        {
            return CurvesByModel;
        }

        return new Dictionary<string, ModelCurves>(CurvesByModel, StringComparer.Ordinal) { [ModelNames.Ensemble] = Curves };
    }

    /// <summary>
    /// The band cut-offs chosen on the hold-out from the alert budget, which the version brings when it is champion
    /// (unless configuration pins others); null for versions registered before cut-offs were chosen, which band with
    /// the legacy defaults, so older registry documents still load.
    /// </summary>
    public ChosenCutoffs? Cutoffs { get; init; }

    /// <summary>
    /// The hold-out trade-off of alert budget against High cut-off, bad rows caught and good customers flagged; empty
    /// for versions registered before it was kept.
    /// </summary>
    public List<BudgetCurvePoint> BudgetCurve { get; init; } = [];

    /// <summary>
    /// The champion of the version's family at training time scored on this version's own hold-out rows; null for
    /// versions registered before the comparison was kept.
    /// </summary>
    public Evaluation.ChampionComparison? ChampionOnSameHoldout { get; init; }

    /// <summary>Facts about the training data: rows, positives, date range and so on.</summary>
    public Dictionary<string, string> TrainingSummary { get; init; } = [];
}
