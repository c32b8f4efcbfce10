using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditRisk.Core.Ingestion;

namespace CreditRisk.Cli.Bench;

/// <summary>POSTs batches to <c>/api/v1/transactions</c> of the running app from several clients at once.</summary>
internal static class HttpIngestBench
{
    public static async Task<HttpIngestFigures> RunAsync(
        WebAppProcess app, string apiKey, IReadOnlyList<TransactionInput> stream, int clients, int batchSize, TimeSpan budget, CancellationToken ct)
    {
        // Bodies are serialised up front: the figure is the server's, not the client's JSON writer.
        var bodies = stream.Chunk(batchSize).Select(b => (Count: b.Length, Body: JsonSerializer.SerializeToUtf8Bytes(b))).ToArray();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);

        // Warm-up outside the timing: JIT, the key check and the connection pool.
        var warmUp = Math.Min(bodies.Length / 10, 4);
        for (var i = 0; i < warmUp; i++)
        {
            await PostAsync(http, bodies[i].Body, ct);
        }

        var next = warmUp - 1;
        long done = 0;
        var recorders = new LatencyRecorder[clients];
        using var sampler = new Timer(_ => app.SamplePeak(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        var webCpu = app.CpuTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var recorder = recorders[c] = new LatencyRecorder();
            int mine;
            while ((mine = Interlocked.Increment(ref next)) < bodies.Length && stopwatch.Elapsed < budget)
            {
                var start = Stopwatch.GetTimestamp();
                await PostAsync(http, bodies[mine].Body, ct);
                recorder.Add(Stopwatch.GetTimestamp() - start);
                Interlocked.Add(ref done, bodies[mine].Count);
            }
        }, ct)));
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
