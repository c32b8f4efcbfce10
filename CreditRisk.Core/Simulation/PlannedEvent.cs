using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Simulation;

/// <summary>Something the customer tries to do on a given day; purchases and cash may still be declined.</summary>
/// <param name="Second">Second of the (UTC) day.</param>
/// <param name="Order">Tie-breaker that keeps same-second events in the order they were planned.</param>
/// <param name="Type">What the event does to the balance.</param>
/// <param name="Amount">Positive amount in the account currency.</param>
/// <param name="Mcc">Merchant category code, null for payments and charges.</param>
/// <param name="MerchantId">Merchant, null for payments and charges.</param>
/// <param name="Channel">pos, ecommerce, contactless or atm; null for payments and charges.</param>
/// <param name="RefundChance">Chance that the merchant later refunds it (0 for anything but purchases).</param>
internal readonly record struct PlannedEvent(
    int Second,
    int Order,
    TransactionType Type,
    decimal Amount,
    string? Mcc,
    string? MerchantId,
    string? Channel,
    double RefundChance) : IComparable<PlannedEvent>
{
    public int CompareTo(PlannedEvent other) =>
        Second != other.Second ? Second.CompareTo(other.Second) : Order.CompareTo(other.Order);
}
