namespace CreditRisk.Core.Rules;

/// <summary>Stable identifiers of the expert rules, stored in <see cref="Risk.RuleHit.RuleId"/>.</summary>
public static class RuleIds
{
    public const string UtilisationHigh = "utilisation-high";
    public const string CashWithdrawalHigh = "cash-withdrawal-high";
    public const string SpendDrop = "spend-drop";
    public const string MinimumDueOnly = "minimum-due-only";
    public const string MerchantMixCrash = "merchant-mix-crash";
}
