using CreditRisk.Core.Risk;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// One assessment of a replay, kept compact: when it speaks for, the ensemble probability (null without a model), the
/// rules' band and the combined band the pipeline gave. Enough to recompute bands under other model cut-offs.
/// </summary>
public readonly record struct RiskPoint(DateTimeOffset At, double? Probability, RiskBand RuleBand, RiskBand Band)
{
    public static RiskPoint From(RiskAssessment assessment) =>
        new(assessment.AssessedAt, assessment.EnsembleProbability, assessment.RuleBand, assessment.Band);
}
