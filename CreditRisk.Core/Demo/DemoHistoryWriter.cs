using System.Diagnostics;
using System.Threading.Channels;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Simulation;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Demo;

/// <summary>Writes the simulated portfolio's customers, transactions and statements to the store for the demo seed.</summary>
public sealed partial class DemoHistoryWriter(ICreditRiskStore store, DemoSeedProgress progress, TimeProvider time, ILogger<DemoHistoryWriter> logger)
{
    /// <summary>Customers per chunk of bulk writes (and so of pipeline work downstream).</summary>
    public const int ChunkSize = 200;

    /// <summary>
    /// Bulk writes per chunk of customers, each chunk handed on once stored, so the pipeline sees only stored data (as
    /// from ingestion). Every write is idempotent (upserts, insert-if-new).
    /// </summary>
    public async Task<TimeSpan> StoreAsync(List<SimulatedCustomer> simulated, ChannelWriter<SimulatedCustomer[]> stored, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var now = time.GetUtcNow();
            await store.Customers.UpsertManyAsync(
                simulated.ConvertAll(c => c.Customer with { CreatedAt = now, UpdatedAt = now }), ct).ConfigureAwait(false);
            var count = 0;
            foreach (var simulatedChunk in simulated.Chunk(ChunkSize))
            {
                // Handed on as stored, receipt times included: the pipeline clears a statement's pending mark only up to
                // the receipt it applied, so one applied with no receipt time would stay pending for recovery to redo.
                var chunk = Array.ConvertAll(simulatedChunk, c => c with
                {
                    Transactions = [.. c.Transactions.Select(t => t with { ReceivedAt = now })],
                    Statements = [.. c.Statements.Select(s => s with { ReceivedAt = now })],
                });
                await store.Transactions.InsertNewAsync([.. chunk.SelectMany(c => c.Transactions)], ct).ConfigureAwait(false);
                await store.Statements.UpsertManyAsync([.. chunk.SelectMany(c => c.Statements)], ct).ConfigureAwait(false);
                await stored.WriteAsync(chunk, ct).ConfigureAwait(false);
                count += chunk.Length;
                progress.Report($"Storing {count:N0} of {simulated.Count:N0} customers' history", 5 + (90 * count / simulated.Count));
                LogStored(count, simulated.Count, watch.Elapsed.TotalSeconds);
            }

            stored.Complete();
        }
        catch (Exception ex)
        {
            stored.Complete(ex);
            throw;
        }

        return watch.Elapsed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed: stored {Stored}/{Total} customers' history ({Seconds:F1} s)")]
    private partial void LogStored(int stored, int total, double seconds);
}
