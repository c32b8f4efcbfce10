using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditRisk.Cli.Bench;

/// <summary>
/// Runs every bench figure against a temporary embedded store: seeds a cloned simulated portfolio with a trained
/// champion model, measures scoring, the in-memory and durable pipelines and the nightly re-score in this process,
/// then closes the store and measures HTTP ingest against the web app started over the same file. The store is
/// deleted afterwards.
/// </summary>
/// <param name="figureDone">Called after each in-process figure with its name (<c>bench --profile</c> reports and resets its store timings there).</param>
internal sealed class BenchRunner(Func<string, IHost> hostFor, TextWriter progress, Action<string>? figureDone = null)
{
    private const int BatchSize = 100;
    private const int MaxBaseCustomers = 2_000;
    private const int SingleTransactions = 2_000;

    public async Task<BenchReport> RunAsync(BenchRequest request, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var loadStart = LoadAverage();
        var workDirectory = request.WorkDirectory ?? DefaultWorkDirectory(request.Customers);
        var directory = Path.Combine(workDirectory, $"creditrisk-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var storePath = Path.Combine(directory, "bench.db");
        try
        {
            return await RunInAsync(request, storePath, workDirectory, total, ct) with { LoadAverageStart = loadStart, LoadAverageEnd = LoadAverage() };
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<BenchReport> RunInAsync(BenchRequest request, string storePath, string workDirectory, Stopwatch total, CancellationToken ct)
    {
        var end = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        ScoringFigures scoring;
        InMemoryPipelineFigures inMemory;
        DurablePipelineFigures durable;
        RescoreFigures rescore;
        string apiKey;
        BenchPortfolio portfolio;
        double setupSeconds;

        var host = hostFor(storePath);
        try
        {
            var services = host.Services;
            var store = services.GetRequiredService<ICreditRiskStore>();
            await store.InitializeAsync(ct);

            var setup = Stopwatch.StartNew();
            Say($"Training a champion model on a simulated portfolio ({TrainingCustomers(request)} customers, 12 months)...");
            await TrainAsync(services, request, end, ct);
            var model = await services.GetRequiredService<IChampionModelProvider>().GetChampionAsync(ct)
                ?? throw new InvalidOperationException("The trained model did not become the champion.");

            var baseCustomers = Math.Min(request.Customers, MaxBaseCustomers);
            Say($"Simulating {baseCustomers:N0} base customers (7 months) and cloning their profiles to {request.Customers:N0} customers...");
            portfolio = BenchPortfolio.Create(request.Customers, baseCustomers, end, TimeProvider.System);
            await SeedAsync(store, portfolio, ct);
            setupSeconds = setup.Elapsed.TotalSeconds;
            figureDone?.Invoke("set-up");
            Say($"Set up in {setupSeconds:N1} s.");

            Say("Scoring...");
            scoring = ScoringBench.Run(model, ScoringBench.Vectors(portfolio), Math.Max(request.Transactions * 20L, 100_000));

            Say("Pipeline in memory...");
            var rules = await services.GetRequiredService<RuleSettingsService>().GetCurrentAsync(ct);
            var banding = services.GetRequiredService<IOptions<BandingOptions>>().Value;
            inMemory = InMemoryPipelineBench.Run(portfolio, [.. portfolio.LiveStream("mem").Take(request.Transactions)], model, rules, banding);

            Say("Pipeline with the embedded store...");
            var ingestion = services.GetRequiredService<IngestionService>();
            durable = await DurablePipelineBench.RunAsync(
                ingestion,
                [.. portfolio.LiveStream("warm-up").Take(request.Transactions / 5).Select(BenchPortfolio.ToInput)],
                [.. portfolio.LiveStream("durable").Take(request.Transactions).Select(BenchPortfolio.ToInput)],
                [.. portfolio.LiveStream("single").Take(Math.Min(request.Transactions, SingleTransactions)).Select(BenchPortfolio.ToInput)],
                writers: Environment.ProcessorCount,
                BatchSize,
                request.FigureBudget,
                ct,
                figureDone);
            figureDone?.Invoke($"pipeline durable, one transaction a call ({durable.SingleTransactions:N0} transactions)");

            Say($"Nightly re-score of {request.Customers:N0} customers...");
            rescore = await RescoreAsync(services, ct);
            figureDone?.Invoke($"nightly re-score ({rescore.Customers:N0} customers)");

            apiKey = (await services.GetRequiredService<ApiKeyService>().CreateAsync("bench", "bench", ct)).Secret;
        }
        finally
        {
            await DisposeAsync(host);
        }

        var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        var (http, skipped) = await HttpAsync(request, storePath, apiKey, portfolio, ct);
        return new BenchReport
        {
            Machine = new BenchMachine(
                RuntimeInformation.OSDescription,
                RuntimeInformation.FrameworkDescription,
                CpuModel(),
                GCSettings.IsServerGC,
                "SQLite (embedded, one file)",
                workDirectory),
            Cores = Environment.ProcessorCount,
            Customers = request.Customers,
            Transactions = request.Transactions,
            SetupSeconds = Math.Round(setupSeconds, 1),
            Scoring = scoring,
            PipelineInMemory = inMemory,
            PipelineDurable = durable,
            Rescore = rescore,
            HttpIngest = http,
            HttpIngestSkipped = skipped,
            PeakWorkingSetMib = Math.Round(peakWorkingSet, 1),
            TotalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1),
        };
    }

    private async Task<(HttpIngestFigures? Figures, string? Skipped)> HttpAsync(
        BenchRequest request, string storePath, string apiKey, BenchPortfolio portfolio, CancellationToken ct)
    {
        var webDll = WebAppProcess.Find(request.WebDll);
        if (webDll is null)
        {
            var reason = request.WebDll is null
                ? "CreditRisk.Web.dll was not found next to the CLI or in the repository's build output (build CreditRisk.Web, or pass --web)"
                : $"{request.WebDll} does not exist";
            Say($"HTTP ingest skipped: {reason}.");
            return (null, reason);
        }

        Say($"HTTP ingest against {webDll} on loopback...");
        await using var app = await WebAppProcess.StartAsync(webDll, storePath, TimeSpan.FromSeconds(90), ct);
        var figures = await HttpIngestBench.RunAsync(
            app,
            apiKey,
            [.. portfolio.LiveStream("http-warm-up").Take(request.Transactions).Select(BenchPortfolio.ToInput)],
            [.. portfolio.LiveStream("http").Take(request.Transactions).Select(BenchPortfolio.ToInput)],
            clients: 2 * Environment.ProcessorCount,
            BatchSize,
            request.FigureBudget,
            ct);
        return (figures, null);
    }

    private static int TrainingCustomers(BenchRequest request) => request.Customers < 1_000 ? 300 : 1_000;

    private static async Task TrainAsync(IServiceProvider services, BenchRequest request, DateOnly end, CancellationToken ct)
    {
        var simulated = new PortfolioSimulator(TimeProvider.System).Generate(
            new SimulationOptions { Customers = TrainingCustomers(request), Months = 12, EndDate = end, Seed = 7 });
        await services.GetRequiredService<TrainingService>().TrainAsync(
            SimulatedTrainingData.ToHistory(simulated, "bench simulation (seed 7)"),
            new TrainingRequest { CreatedBy = "bench", Promote = true, Cutoffs = new BandCutoffs(0.35, 0.65), Seed = 7 },
            ct);
    }

    private static async Task SeedAsync(ICreditRiskStore store, BenchPortfolio portfolio, CancellationToken ct)
    {
        const int batch = 2_000;
        for (var from = 0; from < portfolio.Customers; from += batch)
        {
            var count = Math.Min(batch, portfolio.Customers - from);
            await store.Customers.UpsertManyAsync([.. Enumerable.Range(from, count).Select(portfolio.CustomerAt)], ct);
            var conflicts = await store.Profiles.TrySaveManyAsync([.. Enumerable.Range(from, count).Select(i => new ProfileSave(portfolio.ProfileAt(i), 0))], ct);
            if (conflicts.Count > 0)
            {
                throw new InvalidOperationException($"The bench store was not empty: {conflicts.Count} profiles existed already.");
            }
        }
    }

    private static async Task<RescoreFigures> RescoreAsync(IServiceProvider services, CancellationToken ct)
    {
        // One pass, as the nightly job runs it: customers the durable figure touched have a prior assessment, the rest not.
        var cpu = Environment.CpuUsage.TotalTime;
        var summary = await services.GetRequiredService<PortfolioRescoreService>().RunAsync("bench", ct);
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        return new RescoreFigures(
            summary.Customers, Math.Round(summary.Duration.TotalSeconds, 2), summary.CustomersPerSecond, Math.Round(cpuSeconds, 2),
            summary.Escalations, summary.FailedCount, summary.MostBatchesAtOnce);
    }

    /// <summary>/dev/shm when it has room: LiteDB flushes every commit, and the figures are about the software, not the disk.</summary>
    private static string DefaultWorkDirectory(int customers)
    {
        const string memory = "/dev/shm";
        const long bytesPerCustomer = 64 * 1024;
        try
        {
            if (Directory.Exists(memory) && new DriveInfo(memory).AvailableFreeSpace > (customers + 10_000L) * bytesPerCustomer)
            {
                return memory;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The temporary directory will do.
        }

        return Path.GetTempPath();
    }

    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static async Task DisposeAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    private void Say(string line)
    {
        lock (progress)
        {
            progress.WriteLine(line);
        }
    }
}
