using System.Globalization;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// The expert rules over a snapshot's columns (docs/models.md, "Snapshot models"): utilisation, cash share and spend
/// drop with the rule settings' thresholds (the same units), minimum-due-only and merchant mix with the thresholds of
/// <see cref="SnapshotOptions"/>. A snapshot is the bank's own aggregate, so a breach counts as confirmed at once.
/// Rule ids are the behavioural rules', so counts and the rules page treat every customer alike.
/// </summary>
public static class SnapshotRules
{
    public static RuleEvaluation Evaluate(CustomerSnapshot snapshot, RuleSettings settings, SnapshotOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var hits = new List<RuleHit>();
        var of = $" (snapshot of {snapshot.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
        if (snapshot.UtilisationPct > settings.UtilisationHighPct)
        {
            hits.Add(new RuleHit(RuleIds.UtilisationHigh, RiskBand.High,
                $"Utilisation {Pct(snapshot.UtilisationPct)} is above {Pct(settings.UtilisationHighPct)}{of}"));
        }

        if (snapshot.CashWithdrawalPct > settings.CashWithdrawalHighPct)
        {
            hits.Add(new RuleHit(RuleIds.CashWithdrawalHigh, RiskBand.High,
                $"Cash withdrawals are {Pct(snapshot.CashWithdrawalPct)} of spend, above {Pct(settings.CashWithdrawalHighPct)}{of}"));
        }

        if (-snapshot.RecentSpendChangePct > settings.SpendDropMediumPct)
        {
            hits.Add(new RuleHit(RuleIds.SpendDrop, RiskBand.Medium,
                $"Spend fell {Pct(-snapshot.RecentSpendChangePct)}, more than {Pct(settings.SpendDropMediumPct)}{of}"));
        }

        if (snapshot.MinDuePaidFrequencyPct > options.MinDueOnlyFrequencyPct)
        {
            var high = snapshot.UtilisationPct > settings.MinimumDueOnlyHighUtilisationPct;
            hits.Add(new RuleHit(RuleIds.MinimumDueOnly, high ? RiskBand.High : RiskBand.Medium,
                $"Only the minimum due was paid in {Pct(snapshot.MinDuePaidFrequencyPct)} of cycles, more than {Pct(options.MinDueOnlyFrequencyPct)}"
                + (high ? $", with utilisation above {Pct(settings.MinimumDueOnlyHighUtilisationPct)}" : "") + of));
        }

        if (snapshot.MerchantMixIndex < options.MerchantMixIndexBelow)
        {
            hits.Add(new RuleHit(RuleIds.MerchantMixCrash, RiskBand.Medium,
                $"Merchant-mix index {snapshot.MerchantMixIndex.ToString("0.00", CultureInfo.InvariantCulture)} is below {options.MerchantMixIndexBelow.ToString("0.00", CultureInfo.InvariantCulture)}{of}"));
        }

        return RuleEvaluation.Of(hits);
    }

    private static string Pct(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
