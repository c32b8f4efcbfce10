using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Rules;

/// <summary>
/// Default expert-rule thresholds (section <c>Rules</c>), used until an admin saves different ones through
/// <see cref="RuleSettingsService"/>. Defaults are the brief's.
/// </summary>
public sealed class RuleOptions : IValidatableObject
{
    public const string SectionName = "Rules";

    /// <summary>Utilisation above this fires High, in % of the credit limit. Default 90.</summary>
    [Range(1d, 200d)]
    public double UtilisationHighPct { get; set; } = RuleSettings.DefaultUtilisationHighPct;

    /// <summary>Cash withdrawals above this share of 30-day spend fire High, in %. Default 40.</summary>
    [Range(1d, 100d)]
    public double CashWithdrawalHighPct { get; set; } = RuleSettings.DefaultCashWithdrawalHighPct;

    /// <summary>A 30-day spend drop of more than this versus the previous 30 days fires Medium, in %. Default 60.</summary>
    [Range(1d, 100d)]
    public double SpendDropMediumPct { get; set; } = RuleSettings.DefaultSpendDropMediumPct;

    /// <summary>More than this many consecutive minimum-due-only cycles fire Medium, in cycles. Default 2.</summary>
    [Range(1, 11)]
    public int MinimumDueOnlyCycles { get; set; } = RuleSettings.DefaultMinimumDueOnlyCycles;

    /// <summary>The minimum-due-only rule fires High instead when utilisation is also above this, in %. Default 75.</summary>
    [Range(1d, 200d)]
    public double MinimumDueOnlyHighUtilisationPct { get; set; } = RuleSettings.DefaultMinimumDueOnlyHighUtilisationPct;

    /// <summary>A merchant-mix index fall of more than this versus the previous 30 days fires Medium, in %. Default 50.</summary>
    [Range(1d, 100d)]
    public double MerchantMixDropPct { get; set; } = RuleSettings.DefaultMerchantMixDropPct;

    /// <summary>The merchant-mix rule needs at least this many purchases in the previous 30 days, in purchases. Default 5.</summary>
    [Range(0, 10_000)]
    public int MerchantMixMinPurchases { get; set; } = RuleSettings.DefaultMerchantMixMinPurchases;

    /// <summary>Readings a confirmation looks back over (see <see cref="RuleSettings.ConfirmationChecks"/>). Default 3.</summary>
    [Range(1, 8)]
    public int ConfirmationChecks { get; set; } = RuleSettings.DefaultConfirmationChecks;

    /// <summary>Days between confirmation readings. Default 7.</summary>
    [Range(1, 31)]
    public int ConfirmationSpacingDays { get; set; } = RuleSettings.DefaultConfirmationSpacingDays;

    /// <summary>Readings above the utilisation threshold needed. Default 2.</summary>
    [Range(1, 8)]
    public int UtilisationHighConfirmations { get; set; } = RuleSettings.DefaultUtilisationHighConfirmations;

    /// <summary>Only customers who carried a balance from the last statement breach the utilisation rule. Default true.</summary>
    public bool UtilisationRevolvingOnly { get; set; } = RuleSettings.DefaultUtilisationRevolvingOnly;

    /// <summary>Readings above the cash-share threshold needed. Default 2.</summary>
    [Range(1, 8)]
    public int CashWithdrawalHighConfirmations { get; set; } = RuleSettings.DefaultCashWithdrawalHighConfirmations;

    /// <summary>Cash withdrawn in 30 days below which the cash share is not a signal, in the account currency. Default 200.</summary>
    [Range(0d, 1_000_000d)]
    public double CashWithdrawalMinAmount { get; set; } = RuleSettings.DefaultCashWithdrawalMinAmount;

    /// <summary>Readings with the spend drop needed. Default 2.</summary>
    [Range(1, 8)]
    public int SpendDropConfirmations { get; set; } = RuleSettings.DefaultSpendDropConfirmations;

    /// <summary>Previous 30-day spend below which a drop is not a signal, in the account currency. Default 200.</summary>
    [Range(0d, 1_000_000d)]
    public double SpendDropMinPreviousSpend { get; set; } = RuleSettings.DefaultSpendDropMinPreviousSpend;

    /// <summary>Readings with the merchant-mix crash needed. Default 2.</summary>
    [Range(1, 8)]
    public int MerchantMixCrashConfirmations { get; set; } = RuleSettings.DefaultMerchantMixCrashConfirmations;

    /// <summary>Days after a missed due date before the past-due fact applies. Default 0.</summary>
    [Range(0, 29)]
    public int PastDueGraceDays { get; set; } = RuleSettings.DefaultPastDueGraceDays;

    /// <summary>Days past due from which being past due alone makes a customer High. Default 30.</summary>
    [Range(1, 120)]
    public int PastDueHighDays { get; set; } = RuleSettings.DefaultPastDueHighDays;

    /// <summary>How long a process keeps the stored thresholds before re-reading them, in seconds. Default 10.</summary>
    [Range(0, 3_600)]
    public int RefreshSeconds { get; set; } = 10;

    /// <summary>
    /// Refuses at start a rule that could never fire (more confirmations than <see cref="ConfirmationChecks"/>):
    /// <c>Rules:ConfirmationChecks=1</c> beside the default confirmations of 2 would otherwise switch four rules off
    /// silently until an admin saved the rules page.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => RuleSettings.From(this).ConfirmationErrors();
}
