namespace CreditRisk.Core.Rules;

/// <summary>Stable identifiers of the expert rules, stored in <see cref="Risk.RuleHit.RuleId"/>.</summary>
public static class RuleIds
{
    public const string UtilisationHigh = "utilisation-high";
    public const string CashWithdrawalHigh = "cash-withdrawal-high";
    public const string SpendDrop = "spend-drop";
    public const string MinimumDueOnly = "minimum-due-only";
    public const string MerchantMixCrash = "merchant-mix-crash";

    /// <summary>Not a behavioural signal but a fact: a statement's minimum due is unpaid after its due date.</summary>
    public const string PastDue = "past-due";

    /// <summary>Every rule with its short title, in the order the rules page shows them.</summary>
    public static IReadOnlyList<(string Id, string Title)> Titled { get; } =
    [
        (UtilisationHigh, "High utilisation"),
        (CashWithdrawalHigh, "Cash withdrawals"),
        (SpendDrop, "Spend drop"),
        (MinimumDueOnly, "Minimum due only"),
        (MerchantMixCrash, "Merchant-mix crash"),
        (PastDue, "Past due"),
    ];

    /// <summary>Whether <paramref name="ruleId"/> reports a fact about the account rather than a behavioural signal.</summary>
    public static bool IsFact(string ruleId) => string.Equals(ruleId, PastDue, StringComparison.Ordinal);

    /// <summary>The short title of <paramref name="ruleId"/>, or the id itself for an unknown rule.</summary>
    public static string TitleOf(string ruleId) => Titled.FirstOrDefault(r => r.Id == ruleId).Title ?? ruleId;
}
