using System.Diagnostics;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Simulation;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Demo;

/// <summary>Scores the demo portfolio through the live risk pipeline, chunk by chunk as the history is stored.</summary>
public sealed partial class DemoPortfolioScorer(RiskPipeline pipeline, ILogger<DemoPortfolioScorer> logger)
{
    /// <summary>
    /// Scores everyone through the pipeline in parallel chunks of customers. A fresh seed hands each customer's whole
    /// history to <see cref="RiskPipeline.ProcessAsync"/> (the live path, nothing read back from the store); its
    /// assessment falls on the last statement's end of day, the end of the period. Applying items is not idempotent,
    /// so a resumed seed instead rebuilds each profile from the stored history and re-scores as of the period's end.
    /// </summary>
    public async Task<Dictionary<RiskBand, int>> ScoreAsync(
        IAsyncEnumerable<SimulatedCustomer[]> chunks, int total, DateTimeOffset asOf, bool rebuild, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var bands = new int[Enum.GetValues<RiskBand>().Length];
        var done = 0;
        var nextLog = total / 4;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        await Parallel.ForEachAsync(chunks, parallel, async (chunk, token) =>
        {
            IReadOnlyList<RiskAssessment> assessments;
            if (rebuild)
            {
                foreach (var customer in chunk)
                {
                    await pipeline.RebuildProfileAsync(customer.Customer.Id, token).ConfigureAwait(false);
                }

                assessments = await pipeline.RescoreManyAsync([.. chunk.Select(c => c.Customer.Id)], asOf, token).ConfigureAwait(false);
            }
            else
            {
                // Replayed in weekly slices (DemoTimeline), so the demo has a past: score histories, a trend, migrations.
                var latest = new Dictionary<string, RiskAssessment>(StringComparer.Ordinal);
                foreach (var (transactions, statements) in DemoTimeline.Slices(chunk, asOf))
                {
                    if (transactions.Count + statements.Count == 0)
                    {
                        continue;
                    }

                    foreach (var assessment in await pipeline.ProcessAsync(transactions, statements, token).ConfigureAwait(false))
                    {
                        latest[assessment.CustomerId] = assessment;
                    }
                }

                assessments = [.. latest.Values];
            }

            foreach (var assessment in assessments)
            {
                Interlocked.Increment(ref bands[(int)assessment.Band]);
            }

            var scored = Interlocked.Add(ref done, chunk.Length);
            if (scored >= Volatile.Read(ref nextLog) || scored == total)
            {
                Volatile.Write(ref nextLog, scored + (total / 4));
                LogScored(scored, total, watch.Elapsed.TotalSeconds);
            }
        }).ConfigureAwait(false);

        return Enum.GetValues<RiskBand>().ToDictionary(b => b, b => bands[(int)b]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: scored {Scored}/{Total} customers ({Seconds:F1} s)")]
    private partial void LogScored(int scored, int total, double seconds);
}
