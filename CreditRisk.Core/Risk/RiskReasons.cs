using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Risk;

/// <summary>Composes the up-to-four plain-language reasons of an assessment, most important first.</summary>
internal static class RiskReasons
{
    public const int Max = 4;

    public const string NoModel = "No champion model is registered; the expert rules alone decided";

    public const string NoRuleFired = "No expert rule fired";

    public static List<string> Compose(RuleEvaluation rules, ModelScore? score, RiskBand? modelBand, string? modelVersion)
    {
        var reasons = new List<string>(Max);
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
            if (reasons.Count == 0)
            {
                reasons.Add(NoRuleFired);
            }

            reasons.Add(NoModel);
            return reasons;
        }

        if (reasons.Count < Max)
        {
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Model {modelVersion} estimates a {score.Ensemble:0%} probability of delinquency ({modelBand})"));
        }

        foreach (var contribution in score.Contributions)
        {
            if (reasons.Count == Max)
            {
                break;
            }

            if (contribution.Contribution > 0)
            {
                // The people-facing phrase when the model reports the value ("Cash withdrawals are 46% of your spending").
                reasons.Add(ReasonPhrases.Describe(contribution.Feature, contribution.Value)
                    ?? $"{FeatureNames.Label(contribution.Feature)} raises the model's risk estimate");
            }
        }

        return reasons;
    }
}
