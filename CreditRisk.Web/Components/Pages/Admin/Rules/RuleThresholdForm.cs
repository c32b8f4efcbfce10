using CreditRisk.Core.Rules;

namespace CreditRisk.Web.Components.Pages.Admin.Rules;

/// <summary>Mutable copy of <see cref="RuleSettings"/> for two-way binding; validation stays with the record.</summary>
public sealed class RuleThresholdForm
{
    public double UtilisationHighPct { get; set; }

    public double CashWithdrawalHighPct { get; set; }

    public double SpendDropMediumPct { get; set; }

    public int MinimumDueOnlyCycles { get; set; }

    public double MinimumDueOnlyHighUtilisationPct { get; set; }

    public double MerchantMixDropPct { get; set; }

    public int MerchantMixMinPurchases { get; set; }

    public int ConfirmationChecks { get; set; }

    public int ConfirmationSpacingDays { get; set; }

    public int UtilisationHighConfirmations { get; set; }

    public bool UtilisationRevolvingOnly { get; set; }

    public int CashWithdrawalHighConfirmations { get; set; }

    public double CashWithdrawalMinAmount { get; set; }

    public int SpendDropConfirmations { get; set; }

    public double SpendDropMinPreviousSpend { get; set; }

    public int MerchantMixCrashConfirmations { get; set; }

    public int PastDueGraceDays { get; set; }

    public int PastDueHighDays { get; set; }

    public static RuleThresholdForm From(RuleSettings s) => new()
    {
        UtilisationHighPct = s.UtilisationHighPct,
        CashWithdrawalHighPct = s.CashWithdrawalHighPct,
        SpendDropMediumPct = s.SpendDropMediumPct,
        MinimumDueOnlyCycles = s.MinimumDueOnlyCycles,
        MinimumDueOnlyHighUtilisationPct = s.MinimumDueOnlyHighUtilisationPct,
        MerchantMixDropPct = s.MerchantMixDropPct,
        MerchantMixMinPurchases = s.MerchantMixMinPurchases,
        ConfirmationChecks = s.ConfirmationChecks,
        ConfirmationSpacingDays = s.ConfirmationSpacingDays,
        UtilisationHighConfirmations = s.UtilisationHighConfirmations,
        UtilisationRevolvingOnly = s.UtilisationRevolvingOnly,
        CashWithdrawalHighConfirmations = s.CashWithdrawalHighConfirmations,
        CashWithdrawalMinAmount = s.CashWithdrawalMinAmount,
        SpendDropConfirmations = s.SpendDropConfirmations,
        SpendDropMinPreviousSpend = s.SpendDropMinPreviousSpend,
        MerchantMixCrashConfirmations = s.MerchantMixCrashConfirmations,
        PastDueGraceDays = s.PastDueGraceDays,
        PastDueHighDays = s.PastDueHighDays,
    };

    public RuleSettings ToSettings() => new()
    {
        UtilisationHighPct = UtilisationHighPct,
        CashWithdrawalHighPct = CashWithdrawalHighPct,
        SpendDropMediumPct = SpendDropMediumPct,
        MinimumDueOnlyCycles = MinimumDueOnlyCycles,
        MinimumDueOnlyHighUtilisationPct = MinimumDueOnlyHighUtilisationPct,
        MerchantMixDropPct = MerchantMixDropPct,
        MerchantMixMinPurchases = MerchantMixMinPurchases,
        ConfirmationChecks = ConfirmationChecks,
        ConfirmationSpacingDays = ConfirmationSpacingDays,
        UtilisationHighConfirmations = UtilisationHighConfirmations,
        UtilisationRevolvingOnly = UtilisationRevolvingOnly,
        CashWithdrawalHighConfirmations = CashWithdrawalHighConfirmations,
        CashWithdrawalMinAmount = CashWithdrawalMinAmount,
        SpendDropConfirmations = SpendDropConfirmations,
        SpendDropMinPreviousSpend = SpendDropMinPreviousSpend,
        MerchantMixCrashConfirmations = MerchantMixCrashConfirmations,
        PastDueGraceDays = PastDueGraceDays,
        PastDueHighDays = PastDueHighDays,
    };
}
