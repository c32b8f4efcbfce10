using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Rules;

/// <summary>What the expert rules concluded: the highest band any rule implies, and every hit, highest band first.</summary>
/// <param name="Band">Low when no rule fired.</param>
/// <param name="Hits">The rules that fired, High before Medium, then in rule order.</param>
/// <param name="Score">
/// A 0–1 sort key for when no model is registered: 0 with no hit, 0.5 for Medium, 0.9 for High, plus 0.01 per
/// further hit (at most 1).
/// </param>
public sealed record RuleEvaluation(RiskBand Band, IReadOnlyList<RuleHit> Hits, double Score)
{
    public static RuleEvaluation None { get; } = new(RiskBand.Low, [], 0);
}
