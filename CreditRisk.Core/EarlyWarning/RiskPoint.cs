using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// One assessment of a replay, kept compact: when it speaks for, the ensemble probability (null without a model), the
/// rules' band, the combined band the pipeline gave, and which rules fired (bit <c>i</c> for
/// <see cref="RuleBits.Ids"/>[<c>i</c>]). Enough to recompute bands under other model cut-offs and to judge each rule.
/// </summary>
public readonly record struct RiskPoint(
    DateTimeOffset At, double? Probability, RiskBand RuleBand, RiskBand Band, int RulesFired = 0, RuleSignals Signals = default)
{
    public static RiskPoint From(RiskAssessment assessment) =>
        new(assessment.AssessedAt, assessment.EnsembleProbability, assessment.RuleBand, assessment.Band, RuleBits.Of(assessment.RuleHits),
            RuleSignals.Of(assessment.RuleHits));
}

/// <summary>The expert rules as bits of <see cref="RiskPoint.RulesFired"/>.</summary>
public static class RuleBits
{
    /// <summary>Every rule, in bit order.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        [RuleIds.UtilisationHigh, RuleIds.CashWithdrawalHigh, RuleIds.SpendDrop, RuleIds.MinimumDueOnly, RuleIds.MerchantMixCrash, RuleIds.PastDue];

    /// <summary>The bits of the rules among <paramref name="hits"/>; unknown ids are ignored.</summary>
    public static int Of(IEnumerable<RuleHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var mask = 0;
        foreach (var hit in hits)
        {
            for (var i = 0; i < Ids.Count; i++)
            {
                if (string.Equals(Ids[i], hit.RuleId, StringComparison.Ordinal))
                {
                    mask |= 1 << i;
                }
            }
        }

        return mask;
    }
}
