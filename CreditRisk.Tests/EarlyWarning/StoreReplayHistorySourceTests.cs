using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;
using CreditRisk.Tests.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.EarlyWarning;

/// <summary>A store seeded with a simulated year (to 1 Mar 2026), read on 17 Mar 2026.</summary>
public sealed class StoreReplayHistorySourceTests : IAsyncLifetime
{
    private const int Customers = 30;
    private TemporaryStore _store = null!;
    private List<SimulatedCustomer> _simulated = null!;

    public async Task InitializeAsync()
    {
        _store = await TemporaryStore.CreateAsync(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(SimulatedStore.Now)));
        _simulated = await SimulatedStore.SeedAsync(_store.Store, Customers, seed: 11);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private StoreReplayHistorySource Source() => _store.Services.GetRequiredService<StoreReplayHistorySource>();

    private static DateOnly Today => DateOnly.FromDateTime(SimulatedStore.Now.UtcDateTime);

    [Fact]
    public async Task LoadAsync_LookBackCoversTheData_EveryCustomerWithTheStatementsDelinquencyDates()
    {
        var history = await Source().LoadAsync(new StoreReplayScope(LookBackDays: 500, MaxCustomers: 1_000, PageSize: 7));

        Assert.Equal(Customers, history.CustomerCount);
        Assert.Equal(new StoreSample(Customers, Customers, 0, 0, Today.AddDays(-499), Today), history.Sample);
        Assert.Equal(_simulated.Select(c => c.Customer.Id).Order(StringComparer.Ordinal), history.Customers.Select(c => c.Id));
        foreach (var simulated in _simulated)
        {
            var loaded = history.Customers.Single(c => c.Id == simulated.Customer.Id);
            Assert.Equal(simulated.Transactions.Count, loaded.Transactions.Count);
            Assert.Equal(simulated.Statements.Count, loaded.Statements.Count);
            Assert.Equal(simulated.Customer.CreditLimit, loaded.CreditLimit);
        }

        // The simulator dates the first 30+ DPD day as the statements report it.
        var reported = _simulated.Where(c => StoreLabelRule.FirstDelinquency(c.Statements) is not null).ToList();
        Assert.NotEmpty(reported);
        Assert.Equal(reported.ToDictionary(c => c.Customer.Id, c => c.FirstDelinquencyDate!.Value), history.Delinquency);
    }

    [Fact]
    public async Task LoadAsync_MoreCustomersThanTheMaximum_TheSameLowestHashSampleWhateverThePageSize()
    {
        var expected = _simulated.Select(c => c.Customer.Id)
            .OrderBy(StoreReplayHistorySource.SampleHash).ThenBy(id => id, StringComparer.Ordinal).Take(10)
            .Order(StringComparer.Ordinal).ToList();

        var small = await Source().LoadAsync(new StoreReplayScope(500, MaxCustomers: 10, PageSize: 3));
        var large = await Source().LoadAsync(new StoreReplayScope(500, MaxCustomers: 10, PageSize: 500));

        Assert.Equal(expected, small.Customers.Select(c => c.Id));
        Assert.Equal(expected, large.Customers.Select(c => c.Id));
        Assert.Equal((Customers, 10), (small.Sample!.PortfolioCustomers, small.Sample.Sampled));
    }

    [Fact]
    public async Task LoadAsync_ShortLookBack_OnlyThePeriodAndWithoutCustomersAlreadyDelinquentBeforeIt()
    {
        var progress = new List<double>();

        var history = await Source().LoadAsync(new StoreReplayScope(LookBackDays: 120, MaxCustomers: 1_000, PageSize: 10), new SyncProgress(progress.Add));

        var from = Today.AddDays(-119);
        var fromTicks = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
        var before = _simulated.Where(c => StoreLabelRule.FirstDelinquency(c.Statements) < from).Select(c => c.Customer.Id).ToList();
        Assert.NotEmpty(before);
        Assert.Equal(before.Count, history.Sample!.AlreadyDelinquent);
        Assert.Equal(before.Count, history.AlreadyDelinquent);
        Assert.All(before, id => Assert.DoesNotContain(history.Customers, c => c.Id == id));
        Assert.Equal(Customers - before.Count - history.Sample.WithoutData, history.CustomerCount);
        Assert.All(history.Customers, c =>
        {
            Assert.All(c.Transactions, t => Assert.True(t.UtcTicks >= fromTicks));
            Assert.All(c.Statements, s => Assert.InRange(s.StatementDate, from, Today));
        });
        Assert.All(history.Delinquency.Values, d => Assert.True(d >= from));
        Assert.Equal(1, progress[^1]);
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public async Task Replay_FromTheStoreAndFromTheSameDataAsFiles_GivesTheSameMeasures()
    {
        var directory = Path.Combine(_store.Directory, "files");
        SimulationCsvWriter.WriteAll(_simulated, directory);
        var replay = _store.Services.GetRequiredService<EarlyWarningService>();
        var request = new EarlyWarningRequest { DataDirectory = directory, StepDays = 14, Parallelism = 2, WorkDirectory = _store.Directory };

        var fromFiles = await replay.RunAsync(request);
        var stored = await Source().LoadAsync(new StoreReplayScope(500, 1_000));
        var fromStore = await replay.RunAsync(stored, request with { DataDirectory = null }, progress: null);

        Assert.Equal(fromFiles.Customers, fromStore.Customers);
        Assert.Equal(fromFiles.Period, fromStore.Period);
        Assert.Equal(fromFiles.Assessments, fromStore.Assessments);
        Assert.Equal(fromFiles.Alerts, fromStore.Alerts);
        Assert.Equal(fromFiles.FlaggedAtEnd, fromStore.FlaggedAtEnd);
        Assert.Equal(fromFiles.AssessmentShare, fromStore.AssessmentShare);
        Assert.Equal(fromFiles.FlaggedAhead, fromStore.FlaggedAhead);
        Assert.Equal(fromFiles.FalseAlarmRate, fromStore.FalseAlarmRate);
    }

    /// <summary>Records reports as they come (<see cref="Progress{T}"/> would post them to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
