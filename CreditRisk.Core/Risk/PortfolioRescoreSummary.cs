namespace CreditRisk.Core.Risk;

/// <summary>What a portfolio re-score did.</summary>
/// <param name="AsOf">The moment every customer was assessed as of.</param>
/// <param name="Customers">Customers visited.</param>
/// <param name="Rescored">Customers assessed successfully (retries included).</param>
/// <param name="Escalations">Customers who moved into High (each raises a pending alert).</param>
/// <param name="FailedCustomerIds">Customers still failing after every retry (at most 100 listed).</param>
/// <param name="FailedCount">How many customers still failed.</param>
/// <param name="Duration">Wall-clock time of the run.</param>
/// <param name="MostBatchesAtOnce">The most batches that ran side by side (see <see cref="PortfolioRescoreOptions.Parallelism"/>).</param>
public sealed record PortfolioRescoreSummary(
    DateTimeOffset AsOf,
    long Customers,
    long Rescored,
    long Escalations,
    IReadOnlyList<string> FailedCustomerIds,
    int FailedCount,
    TimeSpan Duration,
    int MostBatchesAtOnce)
{
    /// <summary>Throughput in customers per second.</summary>
    public double CustomersPerSecond => Duration > TimeSpan.Zero ? Customers / Duration.TotalSeconds : 0;
}
