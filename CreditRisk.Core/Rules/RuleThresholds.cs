using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Rules;

/// <summary>One feature of an assessment set against the rule threshold that watches it, if any.</summary>
/// <param name="Feature">Feature name (<see cref="FeatureNames"/>).</param>
/// <param name="Label">Short human label.</param>
/// <param name="Value">The value used; null when it could not be computed.</param>
/// <param name="RuleId">The rule that watches it (<see cref="RuleIds"/>); null when no rule does.</param>
/// <param name="Threshold">The rule's condition in words, e.g. "above 90%"; null when no rule watches it.</param>
/// <param name="Breached">True when the value meets the rule's condition on its own.</param>
public sealed record FeatureCheck(string Feature, string Label, double? Value, string? RuleId, string? Threshold, bool Breached);

/// <summary>
/// Sets feature values against the expert-rule thresholds, for the drill-down. Mirrors the single-feature conditions of
/// <see cref="RuleEngine"/>; the rule's extra conditions (e.g. merchant mix needing enough purchases) are left to it.
/// </summary>
public static class RuleThresholds
{
    /// <summary>Every feature of <paramref name="features"/> in engine order, with its threshold where a rule watches it.</summary>
    public static IReadOnlyList<FeatureCheck> Compare(IReadOnlyList<FeatureValue> features, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(settings);
        var values = features.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        return [.. FeatureNames.Ordered.Select(name => Check(name, values.GetValueOrDefault(name), settings))];
    }

    private static FeatureCheck Check(string name, double? value, RuleSettings s) => name switch
    {
        FeatureNames.UtilisationPct => Above(name, value, RuleIds.UtilisationHigh, s.UtilisationHighPct, "%"),
        FeatureNames.CashWithdrawalPct30d => Above(name, value, RuleIds.CashWithdrawalHigh, s.CashWithdrawalHighPct, "%"),
        FeatureNames.MinDueOnlyStreak => Above(name, value, RuleIds.MinimumDueOnly, s.MinimumDueOnlyCycles, " cycles"),
        FeatureNames.SpendChangePct30d => Drop(name, value, RuleIds.SpendDrop, s.SpendDropMediumPct),
        FeatureNames.MerchantMixChangePct30d => Drop(name, value, RuleIds.MerchantMixCrash, s.MerchantMixDropPct),
        _ => new FeatureCheck(name, FeatureNames.Label(name), value, null, null, false),
    };

    private static FeatureCheck Above(string name, double? value, string ruleId, double threshold, string unit) =>
        new(name, FeatureNames.Label(name), value, ruleId, $"above {Format(threshold)}{unit}", value > threshold);

    private static FeatureCheck Drop(string name, double? value, string ruleId, double threshold) =>
        new(name, FeatureNames.Label(name), value, ruleId, $"a fall of more than {Format(threshold)}%", -value > threshold);

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
