using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Persistence;

/// <summary>How a stored assessment becomes the customer's current-risk row; shared by every store adapter.</summary>
public static class CustomerRiskProjection
{
    /// <summary>
    /// The current-risk row for <paramref name="assessment"/>. <see cref="CustomerRisk.Score"/> is the ensemble
    /// probability; when rules alone decided (no model registered) it is a stand-in derived from the band —
    /// Low 0.1, Medium 0.5, High 0.9 — so the grid still sorts High before Medium before Low.
    /// </summary>
    public static CustomerRisk From(RiskAssessment assessment) => new()
    {
        CustomerId = assessment.CustomerId,
        AssessmentId = assessment.Id,
        AssessedAt = assessment.AssessedAt,
        ComputedAt = assessment.ComputedAt,
        Band = assessment.Band,
        Score = assessment.EnsembleProbability ?? ScoreForBand(assessment.Band),
        Reasons = [.. assessment.Reasons],
        RuleIds = [.. assessment.RuleHits.Select(h => h.RuleId).Distinct(StringComparer.Ordinal)],
        ModelVersion = assessment.ModelVersion,
        EscalationBasis = assessment.EscalationBasis,
        ProfileVersion = assessment.ProfileVersion,
    };

    /// <summary>
    /// Whether <paramref name="stored"/> may be replaced by <paramref name="candidate"/>: unless it was computed from a
    /// newer profile (several app instances: the slower one's older reading must not become current).
    /// </summary>
    public static bool MayReplace(CustomerRisk? stored, CustomerRisk candidate) =>
        (stored?.ProfileVersion ?? 0) <= (candidate.ProfileVersion ?? 0);

    /// <summary>A copy of a cached row whose lists the caller may change without changing the cache's.</summary>
    public static CustomerRisk WithOwnLists(CustomerRisk cached) => cached with { Reasons = [.. cached.Reasons], RuleIds = [.. cached.RuleIds] };

    /// <summary>Rule-only stand-in score for a band (0–1): Low 0.1, Medium 0.5, High 0.9.</summary>
    public static double ScoreForBand(RiskBand band) => band switch
    {
        RiskBand.Low => 0.1,
        RiskBand.Medium => 0.5,
        RiskBand.High => 0.9,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown risk band."),
    };
}
