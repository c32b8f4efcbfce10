using System.Globalization;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Rules;

/// <summary>
/// Keeps only the rule hits that have lasted: a rule needing N confirmations (<see cref="RuleSettings.ConfirmationsFor"/>)
/// fires when it breaches now and on at least N − 1 of the <see cref="RuleSettings.ConfirmationChecks"/> − 1 earlier
/// readings, taken every <see cref="RuleSettings.ConfirmationSpacingDays"/> days back. Earlier readings are recomputed
/// from the customer's history, so confirmation holds the same whether a customer is scored once a day or on every
/// transaction, survives a profile rebuild, and needs no state of its own. They are computed only when a rule that
/// needs them breaches now: most assessments pay nothing.
/// </summary>
public static class RuleConfirmation
{
    /// <summary>Confirms <paramref name="now"/>'s hits; <paramref name="readingDaysAgo"/> evaluates the rules a number of days back.</summary>
    public static RuleEvaluation Confirm(RuleEvaluation now, Func<int, RuleEvaluation> readingDaysAgo, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(readingDaysAgo);
        ArgumentNullException.ThrowIfNull(settings);
        if (now.Hits.Count == 0 || now.Hits.All(h => settings.ConfirmationsFor(h.RuleId) <= 1))
        {
            return now;
        }

        var earlier = new RuleEvaluation?[Math.Max(0, settings.ConfirmationChecks - 1)];
        var kept = new List<RuleHit>(now.Hits.Count);
        foreach (var hit in now.Hits)
        {
            var needed = settings.ConfirmationsFor(hit.RuleId);
            if (needed <= 1)
            {
                kept.Add(hit);
                continue;
            }

            var seen = 1;
            // Every check is read, not just enough to confirm: the reason says how many of them saw the breach, and
            // "2 of 3" for a rule breached on all three would hide a persistent breach behind a borderline one.
            for (var k = 0; k < earlier.Length; k++)
            {
                var reading = earlier[k] ??= readingDaysAgo((k + 1) * settings.ConfirmationSpacingDays);
                seen += reading.Hits.Any(h => string.Equals(h.RuleId, hit.RuleId, StringComparison.Ordinal)) ? 1 : 0;
            }

            if (seen >= needed)
            {
                kept.Add(hit with { Reason = string.Create(CultureInfo.InvariantCulture, $"{hit.Reason} ({Checks(seen, settings)})") });
            }
        }

        return RuleEvaluation.Of(kept);
    }

    /// <summary>"seen now and 1 week ago", "on 2 of the last 3 weekly checks".</summary>
    private static string Checks(int seen, RuleSettings settings)
    {
        var spacing = settings.ConfirmationSpacingDays == 7 ? "weekly" : $"{settings.ConfirmationSpacingDays}-day";
        return $"on {seen} of the last {settings.ConfirmationChecks} {spacing} checks";
    }
}
