using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Rules;

/// <summary>
/// The brief's expert rules over one reading: a feature vector (<see cref="FeatureIndex"/> order) and the
/// <see cref="RuleFacts"/> of the same day. A missing feature never fires a rule; an unknown fact never blocks one.
/// Pure and allocation-free unless a rule fires. Whether a breach has lasted is <see cref="RuleConfirmation"/>'s job.
/// </summary>
public static class RuleEngine
{
    /// <summary>Evaluates every rule against <paramref name="features"/> alone (no amounts, no statement facts).</summary>
    public static RuleEvaluation Evaluate(ReadOnlySpan<double?> features, RuleSettings settings) =>
        Evaluate(features, RuleFacts.Unknown, settings);

    /// <summary>Evaluates every rule against one reading with the given thresholds.</summary>
    public static RuleEvaluation Evaluate(ReadOnlySpan<double?> features, RuleFacts facts, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (features.Length < FeatureIndex.Count)
        {
            throw new ArgumentException($"A feature vector has {FeatureIndex.Count} elements.", nameof(features));
        }

        List<RuleHit>? hits = null;
        var utilisation = features[FeatureIndex.UtilisationPct];

        if (facts.PastDue is { } pastDue)
        {
            Add(ref hits, RuleIds.PastDue, pastDue.DaysPastDue >= settings.PastDueHighDays ? RiskBand.High : RiskBand.Medium, pastDue.Reason);
        }

        // A customer who paid the last statement in full is a transactor: a high balance mid-cycle is spending, not debt.
        var revolving = !settings.UtilisationRevolvingOnly || facts.Revolving != false;
        if (utilisation is { } u && u > settings.UtilisationHighPct && revolving)
        {
            Add(ref hits, RuleIds.UtilisationHigh, RiskBand.High,
                $"Utilisation {Pct(u, settings.UtilisationHighPct)} is above {Pct(settings.UtilisationHighPct)}");
        }

        if (features[FeatureIndex.CashWithdrawalPct30d] is { } cash && cash > settings.CashWithdrawalHighPct
            && !(facts.CashWithdrawn30d < settings.CashWithdrawalMinAmount))
        {
            Add(ref hits, RuleIds.CashWithdrawalHigh, RiskBand.High,
                $"Cash withdrawals are {Pct(cash, settings.CashWithdrawalHighPct)} of spend in the last 30 days, above {Pct(settings.CashWithdrawalHighPct)}");
        }

        if (features[FeatureIndex.SpendChangePct30d] is { } change && -change > settings.SpendDropMediumPct
            && !(facts.SpendPrevious30d < settings.SpendDropMinPreviousSpend))
        {
            Add(ref hits, RuleIds.SpendDrop, RiskBand.Medium,
                $"Spend fell {Pct(-change, settings.SpendDropMediumPct)} in the last 30 days versus the 30 days before, more than {Pct(settings.SpendDropMediumPct)}");
        }

        if (features[FeatureIndex.MinDueOnlyStreak] is { } streak && streak > settings.MinimumDueOnlyCycles)
        {
            var cycles = $"Only the minimum due or less was paid for {streak:0} consecutive cycles (more than {settings.MinimumDueOnlyCycles})";
            if (utilisation is { } high && high > settings.MinimumDueOnlyHighUtilisationPct)
            {
                Add(ref hits, RuleIds.MinimumDueOnly, RiskBand.High,
                    $"{cycles} with utilisation {Pct(high, settings.MinimumDueOnlyHighUtilisationPct)} above {Pct(settings.MinimumDueOnlyHighUtilisationPct)}");
            }
            else
            {
                Add(ref hits, RuleIds.MinimumDueOnly, RiskBand.Medium, cycles);
            }
        }

        if (features[FeatureIndex.MerchantMixChangePct30d] is { } mix && -mix > settings.MerchantMixDropPct
            && features[FeatureIndex.PurchaseCountPrev30d] is { } previousPurchases
            && previousPurchases >= settings.MerchantMixMinPurchases)
        {
            Add(ref hits, RuleIds.MerchantMixCrash, RiskBand.Medium,
                $"Merchant mix index fell {Pct(-mix, settings.MerchantMixDropPct)} versus the previous 30 days, more than {Pct(settings.MerchantMixDropPct)}");
        }

        if (hits is null)
        {
            return RuleEvaluation.None;
        }

        return RuleEvaluation.Of(hits);
    }


    private static void Add(ref List<RuleHit>? hits, string ruleId, RiskBand band, string reason) =>
        (hits ??= []).Add(new RuleHit(ruleId, band, reason));

    private static string Pct(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Formats a value next to its threshold with enough decimals that the two never read the same.</summary>
    private static string Pct(double value, double threshold) => DistinctNumberText.Format(value, threshold, usualDecimals: 0) + "%";
}
