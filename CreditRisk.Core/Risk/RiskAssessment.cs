namespace CreditRisk.Core.Risk;

/// <summary>One scoring of one customer: the features used, what each model and rule said, and the combined band.</summary>
public sealed record RiskAssessment
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>
    /// The moment the customer's data describes: their newest transaction or statement day taken into account (or
    /// the re-score's as-of time). Orders the history and drives time-dependent features.
    /// </summary>
    public required DateTimeOffset AssessedAt { get; init; }

    /// <summary>
    /// When the assessment was computed (UTC). A customer scored a minute ago on data to yesterday has an
    /// <see cref="AssessedAt"/> of yesterday and a computed time of now. Null on assessments stored before this was
    /// recorded.
    /// </summary>
    public DateTimeOffset? ComputedAt { get; init; }

    /// <summary>What caused it: transaction, statement, rescore or manual.</summary>
    public required string Trigger { get; init; }

    public List<FeatureValue> Features { get; init; } = [];

    /// <summary>Logistic-regression probability of delinquency, when a model is registered.</summary>
    public double? LogisticProbability { get; init; }

    public double? TreeProbability { get; init; }

    /// <summary>Weighted ensemble probability (0–1); null when rules alone decided.</summary>
    public double? EnsembleProbability { get; init; }

    public RiskBand? ModelBand { get; init; }

    public RiskBand RuleBand { get; init; }

    /// <summary>The higher of <see cref="ModelBand"/> and <see cref="RuleBand"/>.</summary>
    public required RiskBand Band { get; init; }

    public RiskBand? PreviousBand { get; init; }

    /// <summary>
    /// What an escalation to High from this assessment is keyed by (<see cref="EscalationKeys"/>): the id of the
    /// assessment at which the customer last fell below High, or <see cref="EscalationKeys.NoPrior"/> when they have
    /// not been High since their first assessment. Null on assessments stored before this field existed (their own id
    /// stands in).
    /// </summary>
    public string? EscalationBasis { get; init; }

    /// <summary>
    /// The <see cref="Features.BehaviorProfile.Version"/> of the profile it was computed from (0: none yet). The store
    /// keeps the current risk from the newest profile: with several app instances an assessment of an older profile
    /// may reach the store last, and must not replace one that holds more data. Null on assessments stored before it
    /// was recorded.
    /// </summary>
    public long? ProfileVersion { get; init; }

    public List<RuleHit> RuleHits { get; init; } = [];

    /// <summary>Up to four plain-language reasons, most important first.</summary>
    public List<string> Reasons { get; init; } = [];

    /// <summary>Champion model version used; null when no model was registered.</summary>
    public string? ModelVersion { get; init; }
}

/// <summary>A named feature value; <see cref="Value"/> is null when it could not be computed (missing, never zero).</summary>
public sealed record FeatureValue(string Name, double? Value);

/// <summary>A rule that fired, with the band it implies and a human-readable reason.</summary>
public sealed record RuleHit(string RuleId, RiskBand Band, string Reason);
