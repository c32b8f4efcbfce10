using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Composes the up-to-four staff-facing reasons of an assessment, most important first: rule reasons with their
/// thresholds, the model's estimate (without its version id: that is on the profile, not a reason) and the features
/// that raised it, named as staff name them ("Cash withdrawal share 46% raises…", not the customer's "your spending").
/// Customers get <see cref="CustomerReasons"/> instead.
/// </summary>
internal static class RiskReasons
{
    public const int Max = 4;

    public const string NoModel = "No champion model is registered; the expert rules alone decided";

    /// <summary>
    /// A snapshot-only customer is scored by the snapshot champion only (docs/risk-pipeline.md): the behavioural champion
    /// in force does not score them, so "no champion" would read as false beside it. A snapshot model trained on upload
    /// is a challenger until promoted.
    /// </summary>
    public const string NoSnapshotModel = "No snapshot champion model is in force (promote one on the Models page); the expert rules alone decided";

    public const string NoRuleFired = "No expert rule fired";

    /// <summary>First reason of a customer kept High by <see cref="RiskCombination"/>'s hysteresis.</summary>
    public const string HeldHigh = "Still High from the last assessment: the evidence now says Medium, and a customer leaves High only when it says Low";

    /// <summary>The reasons; <paramref name="noModel"/> is said when no model scored (<see cref="NoModel"/> or <see cref="NoSnapshotModel"/>).</summary>
    public static List<string> Compose(RuleEvaluation rules, ModelScore? score, RiskBand? modelBand, bool heldHigh = false, string noModel = NoModel)
    {
        var reasons = new List<string>(Max);

        // Otherwise nothing on the list says High: the rules and the model line below say Medium.
        if (heldHigh)
        {
            reasons.Add(HeldHigh);
        }

        var beforeRules = reasons.Count;
        var ruleSlots = score is null ? Max - 1 : Max;
        foreach (var hit in rules.Hits)
        {
            if (reasons.Count == ruleSlots)
            {
                break;
            }

            reasons.Add(hit.Reason);
        }

        if (score is null)
        {
            if (reasons.Count == beforeRules)
            {
                reasons.Add(NoRuleFired);
            }

            reasons.Add(noModel);
            return reasons;
        }

        if (reasons.Count < Max)
        {
            // One decimal like the Score column beside it ("9%" read oddly beside 8.9%), and the band named as the
            // model's: a rule or a hard fact may make the customer's band higher.
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"The model estimates a {score.Ensemble:0.0%} probability of delinquency (model band {modelBand})"));
        }

        foreach (var contribution in score.Contributions)
        {
            if (reasons.Count == Max)
            {
                break;
            }

            if (contribution.Contribution > 0)
            {
                reasons.Add(StaffPhrase(contribution.Feature, contribution.Value));
            }
        }

        return reasons;
    }

    private static string StaffPhrase(string feature, double? value)
    {
        var label = FeatureNames.Label(feature);
        if (value is not { } v || double.IsNaN(v))
        {
            return $"{label} raises the model's risk estimate";
        }

        var shown = feature.EndsWith("_pct", StringComparison.Ordinal) || feature.Contains("_pct_", StringComparison.Ordinal)
            ? v.ToString("0", CultureInfo.InvariantCulture) + "%"
            : v.ToString("0.##", CultureInfo.InvariantCulture);
        return $"{label} {shown} raises the model's risk estimate";
    }
}
