namespace CreditRisk.Core.Risk;

/// <summary>
/// The <see cref="Alerts.Alert.EscalationKey"/> of automatic alerts: <c>{customerId}:{prior assessment id or none}:{band}</c>.
/// </summary>
/// <remarks>
/// Derived from the state the customer escalated FROM, not from the new assessment, so every attempt to record the
/// same escalation — a re-run after a crash, or two app instances scoring the customer at the same instant — names
/// the same key, and the store's unique key keeps exactly one alert. Falling below High and rising again starts
/// from a different prior assessment, hence a new key and a new alert.
/// </remarks>
public static class EscalationKeys
{
    /// <summary>Stands for "no prior assessment" in a key.</summary>
    public const string NoPrior = "none";

    /// <summary>The key of <paramref name="customerId"/> escalating to <paramref name="band"/> from <paramref name="priorAssessmentId"/>.</summary>
    public static string For(string customerId, string? priorAssessmentId, RiskBand band) =>
        $"{customerId}:{priorAssessmentId ?? NoPrior}:{band}";
}
