namespace CreditRisk.Core.Risk;

/// <summary>Published in-process after an assessment is stored (live dashboards subscribe to it).</summary>
/// <param name="Assessment">The stored assessment.</param>
/// <param name="EscalatedToHigh">True when the customer moved into High with this assessment.</param>
/// <param name="AlertId">The pending alert created for the escalation, if any.</param>
public sealed record RiskAssessed(RiskAssessment Assessment, bool EscalatedToHigh, string? AlertId);
