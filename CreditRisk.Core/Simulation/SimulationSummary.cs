namespace CreditRisk.Core.Simulation;

/// <summary>Counts of what a simulation run wrote.</summary>
public sealed record SimulationSummary
{
    public int Customers { get; init; }

    public long Transactions { get; init; }

    public long Statements { get; init; }

    public long LabelRows { get; init; }

    public long PositiveLabels { get; init; }

    /// <summary>Customers who reached 30+ days past due inside the period.</summary>
    public int DelinquentCustomers { get; init; }

    /// <summary><see cref="DelinquentCustomers"/> / <see cref="Customers"/> (0–1).</summary>
    public double DelinquencyRate => Customers == 0 ? 0 : (double)DelinquentCustomers / Customers;
}
