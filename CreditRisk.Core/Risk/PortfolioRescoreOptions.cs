using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Risk;

/// <summary>The nightly re-scoring of the whole portfolio (section <c>PortfolioRescore</c>).</summary>
public sealed class PortfolioRescoreOptions
{
    public const string SectionName = "PortfolioRescore";

    /// <summary>Customer ids read per page and re-scored per pipeline call (the pipeline splits it into its own chunks). Default 2,000.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 2_000;

    /// <summary>Further tries of customers that failed, after the whole portfolio has been through once. Default 2.</summary>
    [Range(0, 10)]
    public int FailedCustomerRetries { get; set; } = 2;

    /// <summary>
    /// Batches re-scored at once. Default 1. The embedded store runs a batch's reads and scoring on the calling thread,
    /// so 2 can keep a second core busy while one batch waits on the store's write lock. On the shared 2-core bench
    /// machine the difference drowned in the load (see docs/performance.md); measure on the target machine first.
    /// </summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 1;

    /// <summary>Log a progress line every this many customers. Default 10,000.</summary>
    [Range(1, 10_000_000)]
    public int ProgressEvery { get; set; } = 10_000;
}
