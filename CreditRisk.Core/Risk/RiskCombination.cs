using CreditRisk.Core.Rules;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Combines the model's band with the confirmed rule evidence so that no single noisy signal makes a customer High
/// (docs/risk-pipeline.md, "Combining the evidence"):
/// <list type="bullet">
/// <item>a hard fact — the account is past due — is High whatever else is known;</item>
/// <item>with a model: High when the model says High, or when the model says Medium and a High rule (utilisation,
/// cash, minimum-due-only at high utilisation) or two rules agree; Medium when the model says Medium or two rules agree
/// while the model says Low; one rule alone against a model that says Low stays a visible reason, not a band;</item>
/// <item>without a model (rules alone): High needs two rules of which one is a High rule, one rule gives Medium.</item>
/// </list>
/// </summary>
public static class RiskCombination
{
    /// <summary>The combined band of <paramref name="modelBand"/> (null when no model scored) and <paramref name="rules"/>.</summary>
    public static RiskBand Combine(RiskBand? modelBand, RuleSignals rules)
    {
        if (rules.HardFact)
        {
            return RiskBand.High;
        }

        var agreeing = rules.Confirmed >= 2;
        if (modelBand is not { } model)
        {
            return agreeing && rules.AnyHigh ? RiskBand.High
                : rules.Confirmed >= 1 ? RiskBand.Medium
                : RiskBand.Low;
        }

        return model switch
        {
            RiskBand.High => RiskBand.High,
            RiskBand.Medium when rules.AnyHigh || agreeing => RiskBand.High,
            RiskBand.Medium => RiskBand.Medium,
            _ when agreeing => RiskBand.Medium,
            _ => RiskBand.Low,
        };
    }
}
