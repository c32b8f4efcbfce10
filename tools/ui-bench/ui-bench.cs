#:project ../../CreditRisk.Core/CreditRisk.Core.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false
// (A file-based app defaults to PublishAot, whose run-time switches make LiteDB's expressions run interpreted, when
// LiteDB is the store: slower than the real app, so figures measured without the line above understate its speed.)
// Portfolio page and high-risk grid data with a large portfolio, timed with a Stopwatch (not a test: numbers depend on
// the machine). Usage: dotnet run tools/ui-bench/ui-bench.cs -- [customers=100000] [work-dir]
// Builds the embedded default store (SQLite, `Storage:SqlitePath`) with N customers, their current risk (15% High, 25% Medium), a band change each in the last
// 30 days for 10% of them and alerts for ~7% of High customers, then times what the UI does.
using System.Diagnostics;
using CreditRisk.Core;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var customers = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var workDir = args.Length > 1 ? args[1] : Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "creditrisk-ui-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(workDir);
var dbPath = Path.Combine(workDir, "bench.db");

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:SqlitePath"] = dbPath,
}).Build();
var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
services.AddCreditRiskCore(configuration);
await using var provider = services.BuildServiceProvider();
var store = provider.GetRequiredService<ICreditRiskStore>();
await store.InitializeAsync();

var now = DateTimeOffset.UtcNow;
var random = new Random(42);
var seed = Stopwatch.StartNew();
const int batch = 5_000;
string[] reasons = ["Utilisation is above 90% of the limit", "Cash withdrawals are over 40% of spend", "Spending fell over 60% in 30 days", "Only the minimum due was paid for 3 cycles"];
for (var start = 0; start < customers; start += batch)
{
    var ids = Enumerable.Range(start, Math.Min(batch, customers - start)).Select(i => $"c{i:D7}").ToList();
    await store.Customers.UpsertManyAsync([.. ids.Select(id => new Customer
    {
        Id = id, FullName = "Customer " + id, Phone = "+9198" + id[1..].PadLeft(8, '0'), WhatsAppOptIn = random.NextDouble() < 0.8,
        CreditLimit = 100_000m, OpenedOn = new DateOnly(2022, 1, 1), CreatedAt = now, UpdatedAt = now,
    })]);
    var assessments = new List<RiskAssessment>();
    foreach (var id in ids)
    {
        var score = random.NextDouble();
        var band = score > 0.85 ? RiskBand.High : score > 0.6 ? RiskBand.Medium : RiskBand.Low;
        var changed = random.NextDouble() < 0.1;
        assessments.Add(new RiskAssessment
        {
            Id = id + "-a", CustomerId = id, AssessedAt = now.AddDays(-random.Next(0, changed ? 30 : 60)).AddMinutes(-random.Next(1440)),
            Trigger = "rescore", Band = band, PreviousBand = changed ? (band == RiskBand.High ? RiskBand.Medium : RiskBand.Low) : band,
            EnsembleProbability = score, Reasons = [reasons[random.Next(reasons.Length)]],
        });
    }

    await store.Assessments.AddManyAsync(assessments);
    // One commit an alert: about 1,000 of them keeps seeding within seconds.
    var alerts = assessments.Where(a => a.Band == RiskBand.High && random.NextDouble() < 0.07).Select(a => new Alert
    {
        Id = a.CustomerId + "-al", CustomerId = a.CustomerId, Reason = a.Reasons[0], TemplateName = "high_risk_alert", TriggeredBy = "pipeline",
        Status = (AlertStatus)random.Next(0, 4), CreatedAt = now.AddDays(-1), UpdatedAt = now.AddHours(-1), SentAt = now.AddDays(-1),
    });
    foreach (var alert in alerts)
    {
        await store.Alerts.TryAddAsync(alert);
    }
}

Console.WriteLine($"seeded {customers:N0} customers in {seed.Elapsed.TotalSeconds:N1} s ({dbPath})");

var builder = provider.GetRequiredService<PortfolioSnapshotBuilder>();
var snapshots = provider.GetRequiredService<PortfolioSnapshotService>();
var grid = provider.GetRequiredService<RiskGridService>();

static async Task<(double First, double Median)> TimeAsync(int runs, Func<Task> work)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        await work();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }

    var first = times[0];
    times.Sort();
    return (first, times[times.Count / 2]);
}

var refresh = await TimeAsync(3, () => snapshots.RefreshAsync());
var pageData = await TimeAsync(1000, () => Task.FromResult(snapshots.Current ?? throw new InvalidOperationException("no snapshot")));
var firstPage = await TimeAsync(20, () => grid.GetPageAsync(new CurrentRiskQuery { Band = RiskBand.High, Take = 25 }));
var byDate = await TimeAsync(5, () => grid.GetPageAsync(new CurrentRiskQuery { Band = RiskBand.High, Take = 25, Sort = CurrentRiskSort.AssessedAtDescending }));
var pending = await TimeAsync(5, () => grid.GetPageAsync(new CurrentRiskQuery { Band = RiskBand.High, Take = 25, AlertStatus = AlertStatus.Pending }));
var snapshot = snapshots.Current!;

Console.WriteLine($"portfolio snapshot refresh (background, not in a circuit): first {refresh.First:N0} ms, median {refresh.Median:N0} ms");
Console.WriteLine($"portfolio page data load (circuit reads the cached snapshot): median {pageData.Median * 1000:N1} µs");
Console.WriteLine($"high-risk grid first page (High, score desc, 25 rows + total): first {firstPage.First:N0} ms, median {firstPage.Median:N0} ms");
Console.WriteLine($"grid sorted by assessment time: first {byDate.First:N0} ms, median {byDate.Median:N0} ms");
Console.WriteLine($"grid filtered by pending alert: first {pending.First:N0} ms, median {pending.Median:N0} ms");
Console.WriteLine($"snapshot: {snapshot.Customers:N0} customers, High {snapshot.Bands[RiskBand.High]:N0}, read rate {snapshot.Alerts.ReadRate:P0}");
if (args.Length <= 1)
{
    await store.DisposeAsync();
    Directory.Delete(workDir, recursive: true);
}
