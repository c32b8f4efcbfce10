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
    /// Batches re-scored at once, each reading, scoring and writing its customers; 0 (the default) means one fewer than
    /// the processors, at least one, so the nightly job leaves live ingestion a core (see <see cref="EffectiveParallelism"/>).
    /// With the embedded store, writes are one at a time, so a second batch scores while the first one writes.
    /// </summary>
    [Range(0, 64)]
    public int Parallelism { get; set; }

    /// <summary><see cref="Parallelism"/> with 0 resolved on this machine.</summary>
    public int EffectiveParallelism => ParallelismFor(Parallelism, Environment.ProcessorCount);

    /// <summary><paramref name="configured"/> batches, or for 0 one fewer than <paramref name="processors"/> (at least one).</summary>
    public static int ParallelismFor(int configured, int processors) => configured > 0 ? configured : Math.Max(1, processors - 1);

    /// <summary>Log a progress line every this many customers. Default 10,000.</summary>
    [Range(1, 10_000_000)]
    public int ProgressEvery { get; set; } = 10_000;
}
