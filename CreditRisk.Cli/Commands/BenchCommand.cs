using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CreditRisk.Cli.Bench;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>creditrisk bench [--customers N] [--transactions M] [--json]</c>: measures scoring, the risk pipeline in memory
/// and with the embedded store, HTTP ingest, the nightly re-score and the peak working set on this machine, in a
/// temporary store (never the configured one). Progress goes to stderr; see docs/performance.md.
/// </summary>
internal static class BenchCommand
{
    /// <param name="hostFor">Builds the services over the temporary store at the given path (tests swap configuration).</param>
    public static Command Create(Func<string, IHost>? hostFor = null)
    {
        var timings = new ConcurrentDictionary<string, (long Calls, long Ticks, long CpuNs)>(StringComparer.Ordinal);
        var profileStore = new Option<bool>("--profile") { Description = "Also print the time spent in each store call (to stderr)", Hidden = true };
        IHost DefaultHost(string path, bool timed) => CliHost.Build(
            c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:SqlitePath"] = path,
                ["ConnectionStrings:Mongo"] = string.Empty,
            }),
            timed ? services => DecorateStore(services, timings) : null);
        var customers = new Option<int>("--customers")
        {
            Description = "Customers in the temporary store; the nightly re-score covers them all",
            DefaultValueFactory = _ => 100_000,
            CustomParser = WholeNumberOption.Parser("--customers"),
        };
        var transactions = new Option<int>("--transactions")
        {
            Description = "Transactions replayed by each pipeline figure (in memory, durable, HTTP)",
            DefaultValueFactory = _ => 50_000,
            CustomParser = WholeNumberOption.Parser("--transactions"),
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var web = new Option<FileInfo?>("--web") { Description = "CreditRisk.Web.dll to start for the HTTP figure (default: found next to the CLI or in the build output)" };
        var workDir = new Option<DirectoryInfo?>("--work-dir") { Description = "Where the temporary store goes (default /dev/shm when it has room)" };
        var command = new Command("bench", "Measure scoring, pipeline, HTTP ingest and re-score throughput on this machine")
        {
            customers, transactions, json, web, workDir, profileStore,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var request = new BenchRequest
            {
                Customers = parse.GetValue(customers),
                Transactions = parse.GetValue(transactions),
                WebDll = parse.GetValue(web)?.FullName,
                WorkDirectory = parse.GetValue(workDir)?.FullName,
            };
            if (request.Customers < 10 || request.Transactions < 100)
            {
                await error.WriteLineAsync("--customers must be at least 10 and --transactions at least 100.");
                return 2;
            }

            var timed = parse.GetValue(profileStore);
            void FigureDone(string figure)
            {
                // Per figure, so the CPU-µs of each stage can be divided by that figure's transactions or customers.
                error.WriteLine($"Time in store calls during {figure} (wall clock, then the calling threads' CPU):" + Environment.NewLine + TimedStore.Report(timings));
                timings.Clear();
            }

            var report = await new BenchRunner(hostFor ?? (path => DefaultHost(path, timed)), error, timed ? FigureDone : null).RunAsync(request, ct);

            await output.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(report, CommandHost.Json) : Table(report));
            return 0;
        });
        return command;
    }

    private static void DecorateStore(IServiceCollection services, ConcurrentDictionary<string, (long Calls, long Ticks, long CpuNs)> timings)
    {
        var registration = services.Last(d => d.ServiceType == typeof(ICreditRiskStore));
        services.Remove(registration);
        services.AddSingleton<ICreditRiskStore>(sp => new TimedStore((ICreditRiskStore)registration.ImplementationFactory!(sp), timings));
    }

    private static string Table(BenchReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"CreditRisk bench — {r.Cores} cores ({r.Machine.Cpu}), {r.Machine.Runtime}, {r.Machine.Store} in {r.Machine.StoreDirectory}",
            $"{r.Customers:N0} customers, {r.Transactions:N0} transactions per pipeline figure; set-up {r.SetupSeconds:N1} s",
            string.Empty,
            string.Format(c, "1 scoring, 1 thread            {0,12:N0} rows/s   p50 {1:N2} µs  p99 {2:N2} µs", r.Scoring.RowsPerSecond, r.Scoring.P50Microseconds, r.Scoring.P99Microseconds),
            string.Format(c, "  with reasons                 {0,12:N0} rows/s   p50 {1:N2} µs  p99 {2:N2} µs", r.Scoring.WithReasonsRowsPerSecond, r.Scoring.WithReasonsP50Microseconds, r.Scoring.WithReasonsP99Microseconds),
            string.Format(c, "2 pipeline in memory, 1 thread {0,12:N0} tx/s", r.PipelineInMemory.TransactionsPerSecond),
            string.Format(c, "3 pipeline durable ({0}×{1})    {2,12:N0} tx/s     p50 {3:N1} ms  p99 {4:N1} ms (accept → stored assessment); {5:N0} tx per CPU-second", r.PipelineDurable.Writers, r.PipelineDurable.BatchSize, r.PipelineDurable.TransactionsPerSecond, r.PipelineDurable.P50Ms, r.PipelineDurable.P99Ms, r.PipelineDurable.Transactions / Math.Max(r.PipelineDurable.CpuSeconds, 1e-3)),
            string.Format(c, "  one transaction at a time    {0,12:N0} tx/s     p50 {1:N1} ms  p99 {2:N1} ms", r.PipelineDurable.SingleTransactionsPerSecond, r.PipelineDurable.SingleP50Ms, r.PipelineDurable.SingleP99Ms),
            r.HttpIngest is { } h
                ? string.Format(c, "4 HTTP ingest ({0} clients×{1}) {2,11:N0} tx/s     p50 {3:N1} ms  p99 {4:N1} ms per batch; web peak {5:N0} MiB", h.Clients, h.BatchSize, h.TransactionsPerSecond, h.P50MsPerBatch, h.P99MsPerBatch, h.WebPeakWorkingSetMib)
                : $"4 HTTP ingest                 skipped: {r.HttpIngestSkipped}",
            string.Format(c, "5 nightly re-score             {0,12:N0} customers/s ({1:N0} customers in {2:N1} s, {4} batches at once); {3:N0} per CPU-second", r.Rescore.CustomersPerSecond, r.Rescore.Customers, r.Rescore.Seconds, r.Rescore.Customers / Math.Max(r.Rescore.CpuSeconds, 1e-3), r.Rescore.BatchesAtOnce),
            string.Format(c, "6 peak working set             {0,12:N0} MiB", r.PeakWorkingSetMib),
            string.Empty,
            $"Total {r.TotalSeconds:N1} s",
        };
        return string.Join(Environment.NewLine, lines);
    }
}
