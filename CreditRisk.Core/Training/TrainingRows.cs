namespace CreditRisk.Core.Training;

/// <summary>
/// Feature rows already built point in time (<see cref="PointInTimeFeatures"/>), with where they came from, for
/// <see cref="TrainingService.TrainAsync(TrainingRows, TrainingRequest, CancellationToken)"/>.
/// </summary>
public sealed record TrainingRows
{
    public required IReadOnlyList<LabeledRow> Rows { get; init; }

    /// <summary>Description kept in the model's training summary as <c>source</c>.</summary>
    public required string Source { get; init; }

    public required bool HasTransactions { get; init; }

    public required bool HasStatements { get; init; }

    /// <summary>
    /// The rows' columns and so the version's feature list: the feature engine's by default, the snapshot's for rows
    /// read from a customer-level snapshot.
    /// </summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = Features.FeatureNames.Ordered;

    /// <summary>Extra entries for the model's training summary (e.g. the label rule); never overriding the standard ones.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
