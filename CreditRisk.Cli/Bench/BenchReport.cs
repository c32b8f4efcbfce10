namespace CreditRisk.Cli.Bench;

/// <summary>
/// Everything <c>creditrisk bench</c> measured. Units are in the property names (per second, ms, µs, MiB); every
/// figure was taken on <see cref="Cores"/> logical processors.
/// </summary>
internal sealed record BenchReport
{
    public required BenchMachine Machine { get; init; }

    public required int Cores { get; init; }

    public required int Customers { get; init; }

    public required int Transactions { get; init; }

    public required double SetupSeconds { get; init; }

    public required ScoringFigures Scoring { get; init; }

    public required InMemoryPipelineFigures PipelineInMemory { get; init; }

    public required DurablePipelineFigures PipelineDurable { get; init; }

    public required RescoreFigures Rescore { get; init; }

    /// <summary>Null when the web app could not be found or started; <see cref="HttpIngestSkipped"/> says why.</summary>
    public HttpIngestFigures? HttpIngest { get; init; }

    public string? HttpIngestSkipped { get; init; }

    /// <summary>Peak working set of the bench process (holds the store, the model and the simulated portfolio).</summary>
    public required double PeakWorkingSetMib { get; init; }

    public required double TotalSeconds { get; init; }

    /// <summary>
    /// 1-, 5- and 15-minute load averages (/proc/loadavg) at the start and end: on a shared machine every wall-clock
    /// figure above shrinks with the load, so read them together.
    /// </summary>
    public string? LoadAverageStart { get; init; }

    public string? LoadAverageEnd { get; init; }
}

internal sealed record BenchMachine(string Os, string Runtime, string Cpu, bool ServerGc, string Store, string StoreDirectory);

/// <param name="RowsPerSecond">Ensemble probabilities (logistic + tree), one row at a time on one thread.</param>
/// <param name="P50Microseconds">Latency of one row.</param>
/// <param name="WithReasonsRowsPerSecond">The call the pipeline makes: probabilities plus per-feature contributions.</param>
internal sealed record ScoringFigures(
    int Threads, long Rows, double RowsPerSecond, double P50Microseconds, double P99Microseconds,
    double WithReasonsRowsPerSecond, double WithReasonsP50Microseconds, double WithReasonsP99Microseconds);

/// <param name="TransactionsPerSecond">Profile update + features + score with reasons + rules + band, per transaction.</param>
internal sealed record InMemoryPipelineFigures(int Threads, long Transactions, double TransactionsPerSecond);

/// <param name="TransactionsPerSecond">Through the ingestion service (validate, idempotent insert, pipeline, stored assessment).</param>
/// <param name="P50Ms">Accept-to-stored-assessment latency per transaction while batches of <paramref name="BatchSize"/> stream in from <paramref name="Writers"/> writers.</param>
/// <param name="SingleP50Ms">Accept-to-stored-assessment latency of one transaction sent alone, one after another.</param>
/// <param name="CpuSeconds">Processor time the bench process used for the streamed part (all threads): on a shared machine, transactions per CPU-second is the figure the load does not move.</param>
internal sealed record DurablePipelineFigures(
    int Writers, int BatchSize, long Transactions, double TransactionsPerSecond, double CpuSeconds, double P50Ms, double P99Ms,
    long SingleTransactions, double SingleTransactionsPerSecond, double SingleP50Ms, double SingleP99Ms);

/// <param name="Seconds">One pass over every customer, as the nightly job runs it (batches of 2,000 by default).</param>
/// <param name="CpuSeconds">Processor time the bench process used during the pass.</param>
/// <param name="BatchesAtOnce">The most re-score batches that ran side by side (every core while no ingestion runs).</param>
internal sealed record RescoreFigures(long Customers, double Seconds, double CustomersPerSecond, double CpuSeconds, long Escalations, long Failed, int BatchesAtOnce);

/// <param name="P50MsPerBatch">Request latency of one batch of <paramref name="BatchSize"/> transactions.</param>
/// <param name="WebCpuSeconds">Processor time the web app used while the batches were timed.</param>
internal sealed record HttpIngestFigures(
    int Clients, int BatchSize, long Transactions, double TransactionsPerSecond, double WebCpuSeconds, double P50MsPerBatch, double P99MsPerBatch,
    double WebPeakWorkingSetMib);
