using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Rules;

/// <summary>What the expert rules concluded: the highest band any rule implies, and every hit, highest band first.</summary>
/// <param name="Band">Low when no rule fired.</param>
/// <param name="Hits">The rules that fired, High before Medium, then in rule order.</param>
public sealed record RuleEvaluation(RiskBand Band, IReadOnlyList<RuleHit> Hits)
{
    public static RuleEvaluation None { get; } = new(RiskBand.Low, []);
}
