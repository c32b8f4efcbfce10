using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditRisk.Core.Ingestion;

namespace CreditRisk.Cli.Bench;

/// <summary>POSTs batches to <c>/api/v1/transactions</c> of the running app from several clients at once.</summary>
internal static class HttpIngestBench
{
    public static async Task<HttpIngestFigures> RunAsync(
        WebAppProcess app, string apiKey, IReadOnlyList<TransactionInput> warmUp, IReadOnlyList<TransactionInput> stream, int clients,
        int batchSize, TimeSpan budget, CancellationToken ct)
    {
        // Bodies are serialised up front: the figure is the server's, not the client's JSON writer.
        var warmUpBodies = Bodies(warmUp, batchSize);
        var bodies = Bodies(stream, batchSize);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);

        // Warm-up outside the timing, with every client and a stream of its own: the app has just started, and its first
        // seconds go to the JIT (each hot method is compiled again, instrumented, then optimised) rather than to
        // requests. With 5 s of warm-up, `perf` still found the tiered-compilation thread using a fifth of the app's CPU
        // in the timed window. A server runs for days; the figure is its steady state.
        await PostFromClientsAsync(http, warmUpBodies, clients, warmUpBodies.Length, WarmUp, new Cursor(), recorders: null, ct);

        var cursor = new Cursor();
        var recorders = new LatencyRecorder[clients];
        using var sampler = new Timer(_ => app.SamplePeak(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        var webCpu = app.CpuTime;
        var stopwatch = Stopwatch.StartNew();
        await PostFromClientsAsync(http, bodies, clients, bodies.Length, budget, cursor, recorders, ct);
        var done = cursor.Transactions;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var webCpuSeconds = (app.CpuTime - webCpu).TotalSeconds;
        app.SamplePeak();

        var all = new LatencyRecorder();
        foreach (var recorder in recorders)
        {
            all.AddRange(recorder);
        }

        return new HttpIngestFigures(clients, batchSize, done, done / seconds, Math.Round(webCpuSeconds, 2), all.PercentileMs(50), all.PercentileMs(99), app.PeakWorkingSetMib);
    }

    /// <summary>How long the clients post before the timing starts.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    private static (int Count, byte[] Body)[] Bodies(IReadOnlyList<TransactionInput> stream, int batchSize) =>
        [.. stream.Chunk(batchSize).Select(b => (b.Length, JsonSerializer.SerializeToUtf8Bytes(b)))];

    /// <summary>The next body to post (shared by the clients) and the transactions posted.</summary>
    private sealed class Cursor
    {
        public int Next = -1;
        public long Transactions;
    }

    /// <summary>
    /// Posts the bodies after the cursor from <paramref name="clients"/> clients at once, until body
    /// <paramref name="end"/> or <paramref name="budget"/>; each client's latencies go to its recorder when given.
    /// </summary>
    private static async Task PostFromClientsAsync(
        HttpClient http, (int Count, byte[] Body)[] bodies, int clients, int end, TimeSpan budget, Cursor cursor,
        LatencyRecorder[]? recorders, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var recorder = recorders is null ? null : (recorders[c] = new LatencyRecorder());
            int mine;
            while (stopwatch.Elapsed < budget && (mine = Interlocked.Increment(ref cursor.Next)) < end)
            {
                var start = Stopwatch.GetTimestamp();
                await PostAsync(http, bodies[mine].Body, ct);
                recorder?.Add(Stopwatch.GetTimestamp() - start);
                Interlocked.Add(ref cursor.Transactions, bodies[mine].Count);
            }
        }, ct)));
    }

    private static async Task PostAsync(HttpClient http, byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("api/v1/transactions", content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"POST /api/v1/transactions answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
