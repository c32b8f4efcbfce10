namespace CreditRisk.Core.Simulation;

/// <summary>How the simulator picks observation dates (<c>as_of</c>) for <c>labels.csv</c>.</summary>
public enum LabelPolicy
{
    /// <summary>
    /// One eligible statement date per customer, drawn at random. Rows are independent across customers, so a
    /// row-level hold-out split does not leak one customer's future into the test set.
    /// </summary>
    OnePerCustomer,

    /// <summary>
    /// Every eligible statement date (a monthly snapshot panel, as behavioural scorecards are built). Rows of one
    /// customer are correlated: split hold-outs by customer.
    /// </summary>
    EveryStatement,
}
