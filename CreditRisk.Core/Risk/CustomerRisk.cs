namespace CreditRisk.Core.Risk;

/// <summary>
/// The current risk of one customer: a denormalised copy of their latest assessment, kept so that
/// portfolio grids and counts are index lookups, never scans of the assessment history.
/// </summary>
public sealed record CustomerRisk
{
    public required string CustomerId { get; init; }

    public required string AssessmentId { get; init; }

    /// <summary>The moment the customer's data describes (<see cref="RiskAssessment.AssessedAt"/>).</summary>
    public required DateTimeOffset AssessedAt { get; init; }

    /// <summary>When the assessment was computed; null on rows written before this was recorded.</summary>
    public DateTimeOffset? ComputedAt { get; init; }

    public required RiskBand Band { get; init; }

    /// <summary>Sort key for the grid: the ensemble probability, or a rule-derived score when no model is registered (0–1).</summary>
    public required double Score { get; init; }

    public List<string> Reasons { get; init; } = [];

    /// <summary>
    /// Ids of the expert rules that fired (<see cref="Rules.RuleIds"/>), indexed so that "how many customers does each
    /// rule flag now" is a count, not a scan. Empty on rows written before this field existed until they are rescored.
    /// </summary>
    public List<string> RuleIds { get; init; } = [];

    public string? ModelVersion { get; init; }

    /// <summary>The assessment's <see cref="RiskAssessment.EscalationBasis"/>; null on rows written before it existed.</summary>
    public string? EscalationBasis { get; init; }

    /// <summary>
    /// The assessment's <see cref="RiskAssessment.ProfileVersion"/>: a stored row is replaced only by an assessment of
    /// the same or a newer profile (null counts as 0; rows written before it existed have none).
    /// </summary>
    public long? ProfileVersion { get; init; }
}
