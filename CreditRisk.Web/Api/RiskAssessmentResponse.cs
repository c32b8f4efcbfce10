using CreditRisk.Core.Risk;

namespace CreditRisk.Web.Api;

/// <summary>
/// One assessment as the read API returns it. Bands are <c>Low</c>, <c>Medium</c> or <c>High</c>; a feature that
/// could not be computed has a null value (missing, never zero); probabilities and the model version are null when
/// rules alone decided (no champion model). <c>assessedAt</c> is the moment the customer's data describes (their newest
/// transaction or statement day); <c>computedAt</c> is when the score was computed, null for assessments stored before
/// it was recorded.
/// </summary>
internal sealed record RiskAssessmentResponse(
    string AssessmentId,
    string CustomerId,
    DateTimeOffset AssessedAt,
    DateTimeOffset? ComputedAt,
    string Trigger,
    string Band,
    string? PreviousBand,
    string? ModelBand,
    string RuleBand,
    RiskProbabilitiesResponse Probabilities,
    IReadOnlyList<FeatureValueResponse> Features,
    IReadOnlyList<RuleHitResponse> RuleHits,
    IReadOnlyList<string> Reasons,
    string? ModelVersion)
{
    public static RiskAssessmentResponse From(RiskAssessment assessment) => new(
        assessment.Id,
        assessment.CustomerId,
        assessment.AssessedAt,
        assessment.ComputedAt,
        assessment.Trigger,
        assessment.Band.ToString(),
        assessment.PreviousBand?.ToString(),
        assessment.ModelBand?.ToString(),
        assessment.RuleBand.ToString(),
        new RiskProbabilitiesResponse(assessment.LogisticProbability, assessment.TreeProbability, assessment.EnsembleProbability),
        [.. assessment.Features.Select(f => new FeatureValueResponse(f.Name, f.Value))],
        [.. assessment.RuleHits.Select(h => new RuleHitResponse(h.RuleId, h.Band.ToString(), h.Reason))],
        [.. assessment.Reasons],
        assessment.ModelVersion);
}

/// <summary>Probabilities of delinquency (0–1) from each model and their weighted ensemble; null without a model.</summary>
internal sealed record RiskProbabilitiesResponse(double? Logistic, double? Tree, double? Ensemble);

/// <summary>A feature by name; <see cref="Value"/> is null when it could not be computed.</summary>
internal sealed record FeatureValueResponse(string Name, double? Value);

/// <summary>An expert rule that fired, the band it implies and why.</summary>
internal sealed record RuleHitResponse(string RuleId, string Band, string Reason);

/// <summary>A customer's assessments, newest first.</summary>
internal sealed record RiskHistoryResponse(string CustomerId, int Count, IReadOnlyList<RiskAssessmentResponse> Items);
