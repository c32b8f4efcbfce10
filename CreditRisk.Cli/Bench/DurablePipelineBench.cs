using System.Diagnostics;
using CreditRisk.Core.Ingestion;

namespace CreditRisk.Cli.Bench;

/// <summary>
/// The whole accept path against the embedded store, through <see cref="IngestionService"/> as the API and CSV import
/// use it: validate, idempotent insert, profile update, score, rules, alert outbox, stored assessment, applied marker.
/// A call returns once its transactions' assessments are stored, so its duration is each transaction's
/// accept-to-stored-assessment latency.
/// </summary>
/// <remarks>
/// A warm-up stream goes through the same path first, untimed: the bench has just started, and the first seconds of a
/// new code path go to the JIT (each hot method is compiled, then instrumented, then optimised: a tenth of the CPU
/// in this figure's window, seen with <c>perf</c>). A server runs for days; the figures are its steady state.
/// </remarks>
internal static class DurablePipelineBench
{
    public static async Task<DurablePipelineFigures> RunAsync(
        IngestionService ingestion, IReadOnlyList<TransactionInput> warmUp, IReadOnlyList<TransactionInput> streamed,
        IReadOnlyList<TransactionInput> singles, int writers, int batchSize, TimeSpan budget, CancellationToken ct,
        Action<string>? streamDone = null)
    {
        var (warmedUp, _, _) = await StreamAsync(ingestion, warmUp, writers, batchSize, WarmUpBudget, ct);
        streamDone?.Invoke($"pipeline durable warm-up, not timed ({warmedUp:N0} transactions)");

        var cpu = Environment.CpuUsage.TotalTime;
        var (streamedCount, streamedRate, latencies) = await StreamAsync(ingestion, streamed, writers, batchSize, budget, ct);
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        streamDone?.Invoke($"pipeline durable, {writers} writers × {batchSize} ({streamedCount:N0} transactions)");

        var single = new LatencyRecorder(singles.Count);
        var stopwatch = Stopwatch.StartNew();
        var sent = 0;
        foreach (var input in singles)
        {
            if (stopwatch.Elapsed > budget / 3)
            {
                break;
            }

            var start = Stopwatch.GetTimestamp();
            Check(await ingestion.IngestTransactionsAsync([input], ct));
            single.Add(Stopwatch.GetTimestamp() - start);
            sent++;
        }

        return new DurablePipelineFigures(
            writers, batchSize, streamedCount, streamedRate, Math.Round(cpuSeconds, 2), latencies.PercentileMs(50), latencies.PercentileMs(99),
            sent, sent / stopwatch.Elapsed.TotalSeconds, single.PercentileMs(50), single.PercentileMs(99));
    }

    private static readonly TimeSpan WarmUpBudget = TimeSpan.FromSeconds(3);

    /// <summary><paramref name="writers"/> concurrent callers take the next batch until the stream or the time budget ends.</summary>
    internal static async Task<(long Count, double PerSecond, LatencyRecorder Latencies)> StreamAsync(
        IngestionService ingestion, IReadOnlyList<TransactionInput> stream, int writers, int batchSize, TimeSpan budget, CancellationToken ct)
    {
        var batches = stream.Chunk(batchSize).ToArray();
        var next = -1;
        long done = 0;
        var recorders = new LatencyRecorder[writers];
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var recorder = recorders[w] = new LatencyRecorder();
            int mine;
            while ((mine = Interlocked.Increment(ref next)) < batches.Length && stopwatch.Elapsed < budget)
            {
                var start = Stopwatch.GetTimestamp();
                Check(await ingestion.IngestTransactionsAsync(batches[mine], ct));
                recorder.Add(Stopwatch.GetTimestamp() - start, batches[mine].Length);
                Interlocked.Add(ref done, batches[mine].Length);
            }
        }, ct)));

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var all = new LatencyRecorder();
        foreach (var recorder in recorders)
        {
            all.AddRange(recorder);
        }

        return (done, done / seconds, all);
    }

    private static void Check(IngestionResult<TransactionOutcome> result)
    {
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException($"The bench's transactions were refused: {result.Errors[0].Message}");
        }
    }
}
