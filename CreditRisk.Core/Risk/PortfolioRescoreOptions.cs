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
    /// Batches re-scored at once, each reading, scoring and writing its customers. 0 (the default) adapts: every
    /// processor while live ingestion is quiet, one fewer (at least one) while it keeps the pipeline busy
    /// <see cref="YieldAtIngestionBusyPercent"/> of the time or more, so the nightly job leaves live ingestion a core
    /// when it needs one (see <see cref="RescoreParallelism"/>). With the embedded store, writes are one at a time, so
    /// a second batch scores while the first one writes.
    /// </summary>
    [Range(0, 64)]
    public int Parallelism { get; set; }

    /// <summary>
    /// With <see cref="Parallelism"/> 0: the share of wall time, measured over about a second, during which live
    /// ingestion was applying a batch, from which the re-score gives it a core. Default 10 (%): a trickle of single
    /// transactions is far below; a steady stream of batches is above.
    /// </summary>
    [Range(1, 100)]
    public int YieldAtIngestionBusyPercent { get; set; } = 10;

    /// <summary>
    /// Customers in a row that may fail one by one before the run stops (and records the stop) instead of trying every
    /// customer left: that many failing with none in between is the store or something every customer needs, not a
    /// customer. Default 20.
    /// </summary>
    [Range(1, 100_000)]
    public int StopAfterFailuresInARow { get; set; } = 20;

    /// <summary>Log a progress line every this many customers. Default 10,000.</summary>
    [Range(1, 10_000_000)]
    public int ProgressEvery { get; set; } = 10_000;
}
