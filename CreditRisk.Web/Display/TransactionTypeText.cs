using CreditRisk.Core.Transactions;

namespace CreditRisk.Web.Display;

/// <summary>A transaction type in words ("Cash withdrawal"), not its enum name ("CashWithdrawal").</summary>
public static class TransactionTypeText
{
    public static string Of(TransactionType type) => type switch
    {
        TransactionType.Purchase => "Purchase",
        TransactionType.CashWithdrawal => "Cash withdrawal",
        TransactionType.Payment => "Payment",
        TransactionType.Refund => "Refund",
        TransactionType.Fee => "Fee",
        TransactionType.Interest => "Interest",
        _ => type.ToString(),
    };
}
