using System.Globalization;
using System.Reflection;

namespace CreditRisk.Core.Rules;

/// <summary>
/// What a change to the rule settings changes, in the words and units of the Rules page ("High utilisation, Utilisation
/// above (%): 90% → 97%": the rule's card, the field's label, the values), for the audit log and the backtest's summary:
/// the people reading them set thresholds on that page and should not have to map property names back to its fields.
/// The page takes its field labels from here (<see cref="FieldLabel"/>), so the two cannot drift apart.
/// </summary>
public static class RuleSettingChanges
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>The section the Rules page shows the confirmation settings under.</summary>
    public const string ConfirmationTitle = "Confirmation";

    // Each setting's rule (its card's title), its field's label on the Rules page (which takes the label from here) and
    // how to write a value beside the one it replaces (the other side of the change, so that the two never read the same).
    private static readonly IReadOnlyDictionary<string, (string Title, string Field, Func<object?, object?, string> Format)> Settings =
        new Dictionary<string, (string, string, Func<object?, object?, string>)>(StringComparer.Ordinal)
        {
            [nameof(RuleSettings.UtilisationHighPct)] = (RuleIds.TitleOf(RuleIds.UtilisationHigh), "Utilisation above (%)", Percent),
            [nameof(RuleSettings.UtilisationHighConfirmations)] = (RuleIds.TitleOf(RuleIds.UtilisationHigh), "Seen on (readings)", Plain),
            [nameof(RuleSettings.UtilisationRevolvingOnly)] = (RuleIds.TitleOf(RuleIds.UtilisationHigh), "Only customers who did not pay the last statement in full", YesNo),
            [nameof(RuleSettings.CashWithdrawalHighPct)] = (RuleIds.TitleOf(RuleIds.CashWithdrawalHigh), "Cash share above (%)", Percent),
            [nameof(RuleSettings.CashWithdrawalMinAmount)] = (RuleIds.TitleOf(RuleIds.CashWithdrawalHigh), "Cash of at least (amount)", Amount),
            [nameof(RuleSettings.CashWithdrawalHighConfirmations)] = (RuleIds.TitleOf(RuleIds.CashWithdrawalHigh), "Seen on (readings)", Plain),
            [nameof(RuleSettings.SpendDropMediumPct)] = (RuleIds.TitleOf(RuleIds.SpendDrop), "Drop of more than (%)", Percent),
            [nameof(RuleSettings.SpendDropMinPreviousSpend)] = (RuleIds.TitleOf(RuleIds.SpendDrop), "Previous spend of at least (amount)", Amount),
            [nameof(RuleSettings.SpendDropConfirmations)] = (RuleIds.TitleOf(RuleIds.SpendDrop), "Seen on (readings)", Plain),
            [nameof(RuleSettings.MinimumDueOnlyCycles)] = (RuleIds.TitleOf(RuleIds.MinimumDueOnly), "More than (cycles)", Plain),
            [nameof(RuleSettings.MinimumDueOnlyHighUtilisationPct)] = (RuleIds.TitleOf(RuleIds.MinimumDueOnly), "High when utilisation above (%)", Percent),
            [nameof(RuleSettings.MerchantMixDropPct)] = (RuleIds.TitleOf(RuleIds.MerchantMixCrash), "Fall of more than (%)", Percent),
            [nameof(RuleSettings.MerchantMixMinPurchases)] = (RuleIds.TitleOf(RuleIds.MerchantMixCrash), "Needs at least (purchases)", Plain),
            [nameof(RuleSettings.MerchantMixCrashConfirmations)] = (RuleIds.TitleOf(RuleIds.MerchantMixCrash), "Seen on (readings)", Plain),
            [nameof(RuleSettings.PastDueGraceDays)] = (RuleIds.TitleOf(RuleIds.PastDue), "Grace after the due date (days)", Days),
            [nameof(RuleSettings.PastDueHighDays)] = (RuleIds.TitleOf(RuleIds.PastDue), "High from (days past due)", Plain),
            [nameof(RuleSettings.ConfirmationChecks)] = (ConfirmationTitle, "Readings looked back over", Plain),
            [nameof(RuleSettings.ConfirmationSpacingDays)] = (ConfirmationTitle, "Days between readings", Plain),
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
                ? $"{setting.Title}, {setting.Field}: {setting.Format(x.Old, x.New)} → {setting.Format(x.New, x.Old)}"
                : string.Create(Culture, $"{x.Name}: {x.Old} → {x.New}"))];
    }

    /// <summary>Whether <paramref name="property"/> of <see cref="RuleSettings"/> has words of its own (a test keeps every one covered).</summary>
    public static bool HasLabel(string property) => Settings.ContainsKey(property);

    /// <summary>The Rules page's label of <paramref name="property"/>'s field ("Seen on (readings)"); the property name when it has none.</summary>
    public static string FieldLabel(string property) => Settings.TryGetValue(property, out var setting) ? setting.Field : property;

    // Up to two decimals, more when the change is finer: "90% → 90.004%", not "90% → 90%" for a change that was made.
    private static string Percent(object? value, object? other) => DistinctNumberText.Format((double)value!, (double)other!, usualDecimals: 2) + "%";

    private static string Amount(object? value, object? other) => DistinctNumberText.Format((double)value!, (double)other!, usualDecimals: 2, grouped: true);

    private static string Days(object? value, object? other) => value is 1 ? "1 day" : string.Create(Culture, $"{value} days");

    private static string Plain(object? value, object? other) => string.Create(Culture, $"{value}");

    private static string YesNo(object? value, object? other) => value is true ? "yes" : "no";
}
