using System.Globalization;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Risk;

/// <summary>Composes the up-to-four plain-language reasons of an assessment, most important first.</summary>
internal static class RiskReasons
{
    public const int Max = 4;

    public const string NoModel = "No champion model is registered; the expert rules alone decided";

    public const string NoRuleFired = "No expert rule fired";

    public static List<string> Compose(RuleEvaluation rules, ModelExplanation? model, RiskBand? modelBand, string? modelVersion)
    {
        var reasons = new List<string>(Max);
        var ruleSlots = model is null ? Max - 1 : Max;
        foreach (var hit in rules.Hits)
        {
            if (reasons.Count == ruleSlots)
            {
                break;
            }

            reasons.Add(hit.Reason);
        }

        if (model is null)
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
                $"Model {modelVersion} estimates a {model.Score.Ensemble:0%} probability of delinquency ({modelBand})"));
        }

        foreach (var reason in model.Reasons)
        {
            if (reasons.Count == Max)
            {
                break;
            }

            reasons.Add(reason);
        }

        return reasons;
    }
}
