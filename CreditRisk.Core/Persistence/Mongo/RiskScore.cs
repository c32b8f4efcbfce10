using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Persistence.Mongo;

/// <summary>The grid sort key kept on <see cref="CustomerRisk.Score"/>.</summary>
internal static class RiskScore
{
    /// <summary>The ensemble probability; without a model, the rule band spread over 0–1 (Low 0, Medium 0.5, High 1).</summary>
    public static double Of(RiskAssessment assessment) =>
        assessment.EnsembleProbability ?? (double)assessment.Band / (double)RiskBand.High;
}
