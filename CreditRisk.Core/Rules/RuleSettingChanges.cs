using System.Globalization;
using System.Reflection;

namespace CreditRisk.Core.Rules;

/// <summary>
/// What a change to the rule settings changes, in the words and units of the Rules page ("High utilisation, utilisation
/// above: 90% → 97%"), for the audit log and the backtest's summary: the people reading them set thresholds on that
/// page and should not have to map property names back to its fields.
/// </summary>
public static class RuleSettingChanges
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    private static readonly IReadOnlyDictionary<string, (string Label, Func<object?, string> Format)> Settings =
        new Dictionary<string, (string, Func<object?, string>)>(StringComparer.Ordinal)
        {
            [nameof(RuleSettings.UtilisationHighPct)] = ("High utilisation, utilisation above", Percent),
            [nameof(RuleSettings.UtilisationHighConfirmations)] = ("High utilisation, readings needed", Plain),
            [nameof(RuleSettings.UtilisationRevolvingOnly)] = ("High utilisation, only customers who did not pay the last statement in full", YesNo),
            [nameof(RuleSettings.CashWithdrawalHighPct)] = ("Cash withdrawals, cash share above", Percent),
            [nameof(RuleSettings.CashWithdrawalMinAmount)] = ("Cash withdrawals, cash of at least (amount)", Amount),
            [nameof(RuleSettings.CashWithdrawalHighConfirmations)] = ("Cash withdrawals, readings needed", Plain),
            [nameof(RuleSettings.SpendDropMediumPct)] = ("Spend drop, drop of more than", Percent),
            [nameof(RuleSettings.SpendDropMinPreviousSpend)] = ("Spend drop, previous spend of at least (amount)", Amount),
            [nameof(RuleSettings.SpendDropConfirmations)] = ("Spend drop, readings needed", Plain),
            [nameof(RuleSettings.MinimumDueOnlyCycles)] = ("Minimum due only, more than (cycles)", Plain),
            [nameof(RuleSettings.MinimumDueOnlyHighUtilisationPct)] = ("Minimum due only, High when utilisation above", Percent),
            [nameof(RuleSettings.MerchantMixDropPct)] = ("Merchant-mix crash, fall of more than", Percent),
            [nameof(RuleSettings.MerchantMixMinPurchases)] = ("Merchant-mix crash, needs at least (purchases)", Plain),
            [nameof(RuleSettings.MerchantMixCrashConfirmations)] = ("Merchant-mix crash, readings needed", Plain),
            [nameof(RuleSettings.PastDueGraceDays)] = ("Past due, grace after the due date", Days),
            [nameof(RuleSettings.PastDueHighDays)] = ("Past due, High from (days past due)", Plain),
            [nameof(RuleSettings.ConfirmationChecks)] = ("Confirmation, readings looked back over", Plain),
            [nameof(RuleSettings.ConfirmationSpacingDays)] = ("Confirmation, days between readings", Plain),
        };

    /// <summary>One entry per setting that differs, in the record's property order; empty when none does.</summary>
    public static IReadOnlyList<string> Describe(RuleSettings before, RuleSettings after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        // Every property, whatever the record holds: the rules gain settings over time and each should show.
        return [.. typeof(RuleSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p.Name, Old: p.GetValue(before), New: p.GetValue(after)))
            .Where(x => !Equals(x.Old, x.New))
            .Select(x => Settings.TryGetValue(x.Name, out var setting)
                ? $"{setting.Label}: {setting.Format(x.Old)} → {setting.Format(x.New)}"
                : string.Create(Culture, $"{x.Name}: {x.Old} → {x.New}"))];
    }

    /// <summary>Whether <paramref name="property"/> of <see cref="RuleSettings"/> has words of its own (a test keeps every one covered).</summary>
    public static bool HasLabel(string property) => Settings.ContainsKey(property);

    private static string Percent(object? value) => string.Create(Culture, $"{value:0.##}%");

    private static string Amount(object? value) => string.Create(Culture, $"{value:#,0.##}");

    private static string Days(object? value) => value is 1 ? "1 day" : string.Create(Culture, $"{value} days");

    private static string Plain(object? value) => string.Create(Culture, $"{value}");

    private static string YesNo(object? value) => value is true ? "yes" : "no";
}
