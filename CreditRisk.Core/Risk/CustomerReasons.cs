using CreditRisk.Core.Features;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Risk;

/// <summary>
/// An assessment's reasons in the customer's words, for what the customer sees (their dashboard, the alert's reason).
/// Staff reasons (<see cref="RiskAssessment.Reasons"/>) carry thresholds and model wording and are never shown to
/// customers; these are phrased from the features behind the rules that fired.
/// </summary>
public static class CustomerReasons
{
    /// <summary>Said when the model alone raised the band and no rule names a single cause.</summary>
    public const string GeneralStrain = "Recent activity on your card looks different from your usual pattern";

    /// <summary>Said when the account is past due.</summary>
    public const string PastDue = "A payment on your card is overdue";

    private static readonly Dictionary<string, string> FeatureOfRule = new(StringComparer.Ordinal)
    {
        [RuleIds.UtilisationHigh] = FeatureNames.UtilisationPct,
        [RuleIds.CashWithdrawalHigh] = FeatureNames.CashWithdrawalPct30d,
        [RuleIds.SpendDrop] = FeatureNames.SpendChangePct30d,
        [RuleIds.MinimumDueOnly] = FeatureNames.MinDueOnlyStreak,
        [RuleIds.MerchantMixCrash] = FeatureNames.MerchantMixChangePct30d,
    };

    /// <summary>Plain-language reasons, most important first; empty when Low, never empty otherwise.</summary>
    public static IReadOnlyList<string> Of(RiskAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.Band == RiskBand.Low)
        {
            return [];
        }

        var values = assessment.Features.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        var reasons = assessment.RuleHits
            .Select(h => h.RuleId == RuleIds.PastDue
                ? PastDue
                : FeatureOfRule.GetValueOrDefault(h.RuleId) is { } feature ? ReasonPhrases.Describe(feature, values.GetValueOrDefault(feature)) : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return reasons.Count > 0 ? reasons : [GeneralStrain];
    }
}
