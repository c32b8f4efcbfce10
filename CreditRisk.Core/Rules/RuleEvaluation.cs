using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Rules;

/// <summary>What the expert rules concluded: the highest band any rule implies, and every hit, facts first.</summary>
/// <param name="Band">Low when no rule fired.</param>
/// <param name="Hits">The rules that fired: facts (past due), then High, then Medium, in rule order within each.</param>
public sealed record RuleEvaluation(RiskBand Band, IReadOnlyList<RuleHit> Hits)
{
    public static RuleEvaluation None { get; } = new(RiskBand.Low, []);

    /// <summary>The evidence the band combination weighs (<see cref="RiskCombination"/>).</summary>
    public RuleSignals Signals => RuleSignals.Of(Hits);

    /// <summary>Orders <paramref name="hits"/> (facts, then High, then Medium; rule order within each) and takes the highest band.</summary>
    public static RuleEvaluation Of(IReadOnlyCollection<RuleHit>? hits)
    {
        if (hits is null || hits.Count == 0)
        {
            return None;
        }

        var ordered = hits.OrderBy(h => RuleIds.IsFact(h.RuleId) ? 0 : h.Band == RiskBand.High ? 1 : 2).ToList();
        return new RuleEvaluation(ordered.Max(h => h.Band), ordered);
    }
}
