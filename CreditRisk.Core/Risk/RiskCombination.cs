using CreditRisk.Core.Rules;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Combines the model's band with the confirmed rule evidence so that no single noisy signal makes a customer High
/// (docs/risk-pipeline.md, "Combining the evidence"):
/// <list type="bullet">
/// <item>a hard fact — the account is <see cref="Rules.RuleSettings.PastDueHighDays"/> (30) or more days past due —
/// is High whatever else is known; a customer past due for less is never Low, and High with any other evidence;</item>
/// <item>with a model: High when the model says High, or when the model says Medium and a High rule (utilisation,
/// cash, minimum-due-only at high utilisation), two rules or being past due agree; Medium when the model says Medium,
/// or when two rules agree or the account is past due while the model says Low; one rule alone against a model that
/// says Low stays a visible reason, not a band;</item>
/// <item>without a model (rules alone): High needs two rules of which one is a High rule, or a rule and being past
/// due; one rule or being past due gives Medium.</item>
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

        // Pieces of independent evidence besides the model: each confirmed rule, and being past due.
        var evidence = rules.Confirmed + (rules.PastDue ? 1 : 0);
        if (modelBand is not { } model)
        {
            return evidence >= 2 && (rules.AnyHigh || rules.PastDue) ? RiskBand.High
                : evidence >= 1 ? RiskBand.Medium
                : RiskBand.Low;
        }

        return model switch
        {
            RiskBand.High => RiskBand.High,
            RiskBand.Medium when rules.AnyHigh || rules.PastDue || evidence >= 2 => RiskBand.High,
            RiskBand.Medium => RiskBand.Medium,
            _ when rules.PastDue || evidence >= 2 => RiskBand.Medium,
            _ => RiskBand.Low,
        };
    }
}
