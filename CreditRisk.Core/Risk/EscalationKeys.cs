namespace CreditRisk.Core.Risk;

/// <summary>
/// The <see cref="Alerts.Alert.EscalationKey"/> of automatic alerts: <c>{customerId}:{basis}:{band}</c>, where the basis
/// is the assessment at which the customer last fell below High (or <c>none</c>: not High since their first
/// assessment), carried from assessment to assessment as <see cref="RiskAssessment.EscalationBasis"/>.
/// </summary>
/// <remarks>
/// Derived from the state the customer escalated FROM, not from the new assessment, so every attempt to record the
/// same escalation — a re-run after a crash, or two app instances scoring the customer at the same time — names the
/// same key, and the store's unique key keeps exactly one alert. Keying by the last fall below High rather than by
/// the prior assessment itself matters with several instances: two of them may read two different prior assessments,
/// both below High (one stored the other while both were scoring), and would otherwise raise two alerts for one
/// escalation. Falling below High and rising again starts from a new basis, hence a new key and a new alert.
/// </remarks>
public static class EscalationKeys
{
    /// <summary>Stands for "not High since the first assessment" in a key.</summary>
    public const string NoPrior = "none";

    /// <summary>The key of <paramref name="customerId"/> escalating to <paramref name="band"/> from the basis <paramref name="basis"/>.</summary>
    public static string For(string customerId, string? basis, RiskBand band) =>
        $"{customerId}:{basis ?? NoPrior}:{band}";

    /// <summary>The basis an escalation from <paramref name="prior"/> (the customer's current risk, null when none) is keyed by.</summary>
    public static string BasisOf(CustomerRisk? prior) =>
        prior is null ? NoPrior : prior.EscalationBasis ?? prior.AssessmentId;

    /// <summary>
    /// The <see cref="RiskAssessment.EscalationBasis"/> of a new assessment with id <paramref name="assessmentId"/> and
    /// band <paramref name="band"/> following <paramref name="prior"/>: itself when it falls below High, else the
    /// prior's basis, carried on.
    /// </summary>
    public static string NextBasis(string assessmentId, RiskBand band, CustomerRisk? prior) =>
        band != RiskBand.High && prior?.Band == RiskBand.High ? assessmentId : BasisOf(prior);
}
