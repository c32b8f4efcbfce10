using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Rules;

/// <summary>
/// The rules' evidence as the band combination weighs it: how many behavioural rules are confirmed and whether one of
/// them is a High rule, whether the account is past due, and whether it is so far past due that the fact alone is
/// High. Small enough to keep per replayed assessment.
/// </summary>
public readonly record struct RuleSignals(int Confirmed, bool AnyHigh, bool PastDue, bool HardFact)
{
    public static RuleSignals None => default;

    /// <summary>The signals of confirmed <paramref name="hits"/>.</summary>
    public static RuleSignals Of(IEnumerable<RuleHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        int confirmed = 0;
        bool high = false, pastDue = false, fact = false;
        foreach (var hit in hits)
        {
            if (RuleIds.IsFact(hit.RuleId))
            {
                pastDue = true;
                fact |= hit.Band == RiskBand.High;
                continue;
            }

            confirmed++;
            high |= hit.Band == RiskBand.High;
        }

        return new RuleSignals(confirmed, high, pastDue, fact);
    }
}
