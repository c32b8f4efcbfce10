using CreditRisk.Core.Customers;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Simulation;

/// <summary>Everything the simulator produced for one customer, in time order.</summary>
public sealed record SimulatedCustomer
{
    public required Customer Customer { get; init; }

    /// <summary>All transactions inside the period, ordered by timestamp.</summary>
    public required IReadOnlyList<Transaction> Transactions { get; init; }

    /// <summary>
    /// Statements ordered by date. The first is the opening statement dated the day before the period starts
    /// (it carries the balance brought in); the others close each in-period month.
    /// </summary>
    public required IReadOnlyList<Statement> Statements { get; init; }

    /// <summary>
    /// The day the customer first reached 30 days past due, or null when they never did: taken from the first
    /// statement with <c>days_past_due ≥ 30</c> as <c>statement_date − (days_past_due − 30)</c>, i.e. 30 days after
    /// the oldest due date that statement still reports unpaid.
    /// </summary>
    public DateOnly? FirstDelinquencyDate { get; init; }

    /// <summary>This customer's rows of <c>labels.csv</c> (possibly none).</summary>
    public required IReadOnlyList<DelinquencyLabel> Labels { get; init; }
}
