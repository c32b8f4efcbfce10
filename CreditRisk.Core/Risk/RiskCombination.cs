using CreditRisk.Core.Rules;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Combines the model's band with the confirmed rule evidence so that no single noisy signal makes a customer High
/// (docs/risk-pipeline.md, "Combining the evidence"):
/// <list type="bullet">
/// <item>a hard fact — the account is <see cref="Rules.RuleSettings.PastDueHighDays"/> (30) or more days past due —
/// is High whatever else is known; a customer past due for less is never Low;</item>
/// <item>with a model: High when the model says High, or when the model says Medium and a confirmed High rule
/// (utilisation, cash, minimum-due-only at high utilisation) agrees; Medium when the model says Medium, the account is
/// past due, or two confirmed rules agree while the model says Low; one rule alone against a model that says Low stays
/// a visible reason, not a band;</item>
/// <item>without a model (rules alone, the brief's fallback until a model is registered): the confirmed rules' own
/// band — there is no second opinion to wait for, and confirmation already keeps one noisy reading from counting —,
/// and at least Medium when past due.</item>
/// <item>once High, a customer stays High while the evidence still says at least Medium (hysteresis): a band that
/// flickers between Medium and High around a cut-off would raise a new alert at every return to High.</item>
/// </list>
/// </summary>
public static class RiskCombination
{
    /// <summary>
    /// The combined band of <paramref name="modelBand"/> (null when no model scored) and <paramref name="rules"/>, given
    /// the customer's band before this assessment (null for a first assessment).
    /// </summary>
    public static RiskBand Combine(RiskBand? modelBand, RuleSignals rules, RiskBand? previous)
    {
        var band = Evidence(modelBand, rules);
        return band == RiskBand.Medium && previous == RiskBand.High ? RiskBand.High : band;
    }

    /// <summary>
    /// Whether <see cref="Combine"/> keeps the customer High only because they were High (the evidence alone says
    /// Medium): the band then needs a reason of its own, since no rule or model line says High.
    /// </summary>
    public static bool IsHeldHigh(RiskBand? modelBand, RuleSignals rules, RiskBand? previous) =>
        previous == RiskBand.High && Evidence(modelBand, rules) == RiskBand.Medium;

    private static RiskBand Evidence(RiskBand? modelBand, RuleSignals rules)
    {
        if (rules.HardFact)
        {
            return RiskBand.High;
        }

        var agreeing = rules.Confirmed >= 2;
        if (modelBand is not { } model)
        {
            return rules.AnyHigh ? RiskBand.High
                : rules.Confirmed >= 1 || rules.PastDue ? RiskBand.Medium
                : RiskBand.Low;
        }

        return model switch
        {
            RiskBand.High => RiskBand.High,
            RiskBand.Medium when rules.AnyHigh => RiskBand.High,
            RiskBand.Medium => RiskBand.Medium,
            _ when rules.PastDue || agreeing => RiskBand.Medium,
            _ => RiskBand.Low,
        };
    }
}
