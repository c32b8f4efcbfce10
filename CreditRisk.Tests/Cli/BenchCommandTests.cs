using System.CommandLine;
using System.Text.Json;
using CreditRisk.Cli;
using CreditRisk.Cli.Commands;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CreditRisk.Tests.Cli;

/// <summary>Runs <c>creditrisk bench</c> with tiny sizes: every figure must be present (no timing is asserted).</summary>
public sealed class BenchCommandTests : IDisposable
{
    private static readonly string[] TopLevel =
    [
        "machine", "cores", "customers", "transactions", "setup_seconds", "scoring", "pipeline_in_memory", "pipeline_durable",
        "rescore", "http_ingest", "peak_working_set_mib", "total_seconds",
    ];

    private static readonly Dictionary<string, string[]> Figures = new()
    {
        ["scoring"] = ["threads", "rows", "rows_per_second", "p50_microseconds", "p99_microseconds", "with_reasons_rows_per_second", "with_reasons_p50_microseconds", "with_reasons_p99_microseconds"],
        ["pipeline_in_memory"] = ["threads", "transactions", "transactions_per_second"],
        ["pipeline_durable"] = ["writers", "batch_size", "transactions", "transactions_per_second", "cpu_seconds", "p50_ms", "p99_ms", "single_transactions", "single_transactions_per_second", "single_p50_ms", "single_p99_ms"],
        ["rescore"] = ["customers", "seconds", "customers_per_second", "cpu_seconds", "escalations", "failed", "batches_at_once"],
        ["http_ingest"] = ["clients", "batch_size", "transactions", "transactions_per_second", "web_cpu_seconds", "p50_ms_per_batch", "p99_ms_per_batch", "web_peak_working_set_mib"],
    };

    private readonly string _workDirectory = TestDirectories.New();

    public BenchCommandTests() => Directory.CreateDirectory(_workDirectory);

    public void Dispose() => TestDirectories.Delete(_workDirectory);

    [Fact]
    public async Task Bench_TinySizes_PrintsEveryFigureAndDeletesItsStore()
    {
        var root = new RootCommand();
        root.Subcommands.Add(BenchCommand.Create(path => CliHost.Build(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = path,
            ["ConnectionStrings:Mongo"] = string.Empty,
            ["Models:ChallengerTrees"] = "20",
        }))));
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await root.Parse(["bench", "--customers", "20", "--transactions", "200", "--json", "--work-dir", _workDirectory])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exitCode == 0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var report = json.RootElement;
        foreach (var name in TopLevel)
        {
            Assert.True(report.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null, $"missing {name}; stderr: {error}");
        }

        foreach (var (figure, fields) in Figures)
        {
            foreach (var field in fields)
            {
                Assert.True(report.GetProperty(figure).TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number, $"missing {figure}.{field}");
            }
        }

        Assert.Equal(20, report.GetProperty("rescore").GetProperty("customers").GetInt64());
        Assert.Equal(0, report.GetProperty("rescore").GetProperty("failed").GetInt64());
        Assert.InRange(report.GetProperty("rescore").GetProperty("batches_at_once").GetInt32(), 1, Environment.ProcessorCount);
        Assert.True(report.GetProperty("pipeline_durable").GetProperty("transactions").GetInt64() > 0);
        Assert.True(report.GetProperty("http_ingest").GetProperty("transactions").GetInt64() > 0);
        Assert.Equal(Environment.ProcessorCount, report.GetProperty("cores").GetInt32());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_workDirectory));
    }
}
