namespace CreditRisk.Core.Transactions;

/// <summary>What a card transaction did to the balance. Wire names are snake_case (<c>cash_withdrawal</c>).</summary>
public enum TransactionType
{
    Purchase,
    CashWithdrawal,
    Payment,
    Refund,
    Fee,
    Interest,
}
