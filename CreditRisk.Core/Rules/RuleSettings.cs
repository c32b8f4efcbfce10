using CreditRisk.Core.Features;
using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Rules;

/// <summary>
/// The expert-rule thresholds in force; stored as JSON under <see cref="RuleSettingsService.SettingsKey"/> when an
/// admin changes them. Ranges are those of <see cref="RuleOptions"/>.
/// </summary>
public sealed record RuleSettings
{
    public const double DefaultUtilisationHighPct = 90;
    public const double DefaultCashWithdrawalHighPct = 40;
    public const double DefaultSpendDropMediumPct = 60;
    public const int DefaultMinimumDueOnlyCycles = 2;
    public const double DefaultMinimumDueOnlyHighUtilisationPct = 75;
    public const double DefaultMerchantMixDropPct = 50;
    public const int DefaultMerchantMixMinPurchases = 5;
    public const int DefaultConfirmationChecks = 3;
    public const int DefaultConfirmationSpacingDays = 7;
    public const int DefaultUtilisationHighConfirmations = 2;
    public const int DefaultCashWithdrawalHighConfirmations = 2;
    public const int DefaultSpendDropConfirmations = 2;
    public const int DefaultMerchantMixCrashConfirmations = 2;
    public const double DefaultCashWithdrawalMinAmount = 200;
    public const double DefaultSpendDropMinPreviousSpend = 200;
    public const bool DefaultUtilisationRevolvingOnly = true;
    public const int DefaultPastDueGraceDays = 0;
    public const int DefaultPastDueHighDays = 30;

    /// <summary>Utilisation above this fires High, in %. Default 90.</summary>
    [Range(1d, 200d, ErrorMessage = "The utilisation limit must be between 1% and 200%.")]
    public double UtilisationHighPct { get; init; } = DefaultUtilisationHighPct;

    /// <summary>Cash withdrawals above this share of 30-day spend fire High, in %. Default 40.</summary>
    [Range(1d, 100d, ErrorMessage = "The cash share must be between 1% and 100%.")]
    public double CashWithdrawalHighPct { get; init; } = DefaultCashWithdrawalHighPct;

    /// <summary>A 30-day spend drop of more than this fires Medium, in %. Default 60.</summary>
    [Range(1d, 100d, ErrorMessage = "The spend drop must be between 1% and 100%.")]
    public double SpendDropMediumPct { get; init; } = DefaultSpendDropMediumPct;

    /// <summary>More than this many consecutive minimum-due-only cycles fire Medium. Default 2.</summary>
    [Range(1, 11, ErrorMessage = "The number of cycles must be between 1 and 11.")]
    public int MinimumDueOnlyCycles { get; init; } = DefaultMinimumDueOnlyCycles;

    /// <summary>With utilisation also above this (in %), the minimum-due-only rule fires High. Default 75.</summary>
    [Range(1d, 200d, ErrorMessage = "The utilisation for High must be between 1% and 200%.")]
    public double MinimumDueOnlyHighUtilisationPct { get; init; } = DefaultMinimumDueOnlyHighUtilisationPct;

    /// <summary>A merchant-mix index fall of more than this fires Medium, in %. Default 50.</summary>
    [Range(1d, 100d, ErrorMessage = "The merchant-mix drop must be between 1% and 100%.")]
    public double MerchantMixDropPct { get; init; } = DefaultMerchantMixDropPct;

    /// <summary>Purchases needed in the previous 30 days for the merchant-mix rule to fire. Default 5.</summary>
    [Range(0, 10_000, ErrorMessage = "The number of purchases must be between 0 and 10,000.")]
    public int MerchantMixMinPurchases { get; init; } = DefaultMerchantMixMinPurchases;

    /// <summary>
    /// Readings a confirmation looks back over: the reading now and the ones <see cref="ConfirmationSpacingDays"/>,
    /// twice that, … days earlier, recomputed from the customer's history (so the cadence of scoring does not matter).
    /// Default 3 (now, a week ago, two weeks ago).
    /// </summary>
    [Range(1, 8, ErrorMessage = "Readings looked back over must be between 1 and 8.")]
    public int ConfirmationChecks { get; init; } = DefaultConfirmationChecks;

    /// <summary>Days between two confirmation readings. Default 7.</summary>
    [Range(1, 31, ErrorMessage = "Days between readings must be between 1 and 31.")]
    public int ConfirmationSpacingDays { get; init; } = DefaultConfirmationSpacingDays;

    /// <summary>Readings (of <see cref="ConfirmationChecks"/>, the one now included) above the utilisation threshold before the rule fires. Default 2.</summary>
    [Range(1, 8, ErrorMessage = "Readings needed must be between 1 and 8.")]
    public int UtilisationHighConfirmations { get; init; } = DefaultUtilisationHighConfirmations;

    /// <summary>
    /// Judge utilisation as risk teams do: only a customer who carried a balance from the last statement (did not pay
    /// it in full) can breach; a transactor's mid-cycle peak cannot. Default true.
    /// </summary>
    public bool UtilisationRevolvingOnly { get; init; } = DefaultUtilisationRevolvingOnly;

    /// <summary>Readings above the cash-share threshold before the cash rule fires. Default 2.</summary>
    [Range(1, 8, ErrorMessage = "Readings needed must be between 1 and 8.")]
    public int CashWithdrawalHighConfirmations { get; init; } = DefaultCashWithdrawalHighConfirmations;

    /// <summary>Cash withdrawn in the 30 days, in the account currency, below which the cash share is not a signal. Default 200.</summary>
    [Range(0d, 1_000_000d, ErrorMessage = "The minimum cash amount must be between 0 and 1,000,000.")]
    public double CashWithdrawalMinAmount { get; init; } = DefaultCashWithdrawalMinAmount;

    /// <summary>Readings with the spend drop before the rule fires. Default 2.</summary>
    [Range(1, 8, ErrorMessage = "Readings needed must be between 1 and 8.")]
    public int SpendDropConfirmations { get; init; } = DefaultSpendDropConfirmations;

    /// <summary>Spend in the previous 30 days, in the account currency, below which a drop is not a signal. Default 200.</summary>
    [Range(0d, 1_000_000d, ErrorMessage = "The minimum previous spend must be between 0 and 1,000,000.")]
    public double SpendDropMinPreviousSpend { get; init; } = DefaultSpendDropMinPreviousSpend;

    /// <summary>Readings with the merchant-mix crash before the rule fires. Default 2.</summary>
    [Range(1, 8, ErrorMessage = "Readings needed must be between 1 and 8.")]
    public int MerchantMixCrashConfirmations { get; init; } = DefaultMerchantMixCrashConfirmations;

    /// <summary>Days after a missed due date before the past-due fact applies (0: from the day after the due date).</summary>
    [Range(0, 29, ErrorMessage = "Grace days must be between 0 and 29.")]
    public int PastDueGraceDays { get; init; } = DefaultPastDueGraceDays;

    /// <summary>
    /// Days past due from which being past due alone makes a customer High (default 30, delinquent by definition).
    /// Before that a past-due customer is never Low: Medium, and High with any other evidence (docs/risk-pipeline.md).
    /// </summary>
    [Range(1, 120, ErrorMessage = "Days past due for High must be between 1 and 120.")]
    public int PastDueHighDays { get; init; } = DefaultPastDueHighDays;

    /// <summary>Readings the given rule needs (1 = fires on one reading); rules judged on statement cycles need 1.</summary>
    public int ConfirmationsFor(string ruleId) => ruleId switch
    {
        RuleIds.UtilisationHigh => UtilisationHighConfirmations,
        RuleIds.CashWithdrawalHigh => CashWithdrawalHighConfirmations,
        RuleIds.SpendDrop => SpendDropConfirmations,
        RuleIds.MerchantMixCrash => MerchantMixCrashConfirmations,
        _ => 1,
    };

    private IEnumerable<(string Name, int Needed)> ConfirmationCounts =>
    [
        (nameof(UtilisationHighConfirmations), UtilisationHighConfirmations),
        (nameof(CashWithdrawalHighConfirmations), CashWithdrawalHighConfirmations),
        (nameof(SpendDropConfirmations), SpendDropConfirmations),
        (nameof(MerchantMixCrashConfirmations), MerchantMixCrashConfirmations),
    ];

    public static RuleSettings From(RuleOptions options) => new()
    {
        UtilisationHighPct = options.UtilisationHighPct,
        CashWithdrawalHighPct = options.CashWithdrawalHighPct,
        SpendDropMediumPct = options.SpendDropMediumPct,
        MinimumDueOnlyCycles = options.MinimumDueOnlyCycles,
        MinimumDueOnlyHighUtilisationPct = options.MinimumDueOnlyHighUtilisationPct,
        MerchantMixDropPct = options.MerchantMixDropPct,
        MerchantMixMinPurchases = options.MerchantMixMinPurchases,
        ConfirmationChecks = options.ConfirmationChecks,
        ConfirmationSpacingDays = options.ConfirmationSpacingDays,
        UtilisationHighConfirmations = options.UtilisationHighConfirmations,
        UtilisationRevolvingOnly = options.UtilisationRevolvingOnly,
        CashWithdrawalHighConfirmations = options.CashWithdrawalHighConfirmations,
        CashWithdrawalMinAmount = options.CashWithdrawalMinAmount,
        SpendDropConfirmations = options.SpendDropConfirmations,
        SpendDropMinPreviousSpend = options.SpendDropMinPreviousSpend,
        MerchantMixCrashConfirmations = options.MerchantMixCrashConfirmations,
        PastDueGraceDays = options.PastDueGraceDays,
        PastDueHighDays = options.PastDueHighDays,
    };

    /// <summary>
    /// How far back the oldest confirming reading may lie: the profile keeps <see cref="ProfileWindow.Days"/> days of
    /// activity and the longest confirmed rule window (spend drop, merchant mix) compares two 30-day windows, so a
    /// reading further back has no features and could never count as a breach.
    /// </summary>
    public const int MaxConfirmationLookbackDays = ProfileWindow.Days - (2 * FeatureEngine.WindowDays);

    /// <summary>
    /// Confirmation settings under which a rule could never fire, named by property (the same names in
    /// <see cref="RuleOptions"/>): a rule needing more confirming readings than are looked back over, and readings
    /// reaching back past what the profile holds.
    /// </summary>
    internal IEnumerable<ValidationResult> ConfirmationErrors()
    {
        var errors = from pair in ConfirmationCounts
                     where pair.Needed > ConfirmationChecks
                     select new ValidationResult(
                         $"A rule cannot need {pair.Needed} confirming readings out of {ConfirmationChecks}; raise the readings looked back over or lower this.",
                         [pair.Name]);
        var lookbackDays = (ConfirmationChecks - 1) * ConfirmationSpacingDays;
        return lookbackDays <= MaxConfirmationLookbackDays
            ? errors
            : errors.Append(new ValidationResult(
                $"{ConfirmationChecks} readings {ConfirmationSpacingDays} days apart reach {lookbackDays} days back, but readings can reach at most " +
                $"{MaxConfirmationLookbackDays} days back (a customer's last {ProfileWindow.Days} days are kept, and the spend and merchant rules compare two 30-day windows); " +
                "use fewer readings or fewer days between them.",
                [nameof(ConfirmationChecks), nameof(ConfirmationSpacingDays)]));
    }

    /// <summary>Field-named validation errors (property name → messages); empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        results.AddRange(ConfirmationErrors());
        return results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty(string.Empty).Select(m => (Member: m, Message: r.ErrorMessage ?? "Invalid value.")))
            .GroupBy(x => x.Member, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray(), StringComparer.Ordinal);
    }
}
