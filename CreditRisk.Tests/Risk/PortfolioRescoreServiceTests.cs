using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Risk;

public sealed class PortfolioRescoreServiceTests : IAsyncLifetime
{
    private const int Customers = 3_000;

    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task RunAsync_ThresholdLoweredOverAPortfolio_EscalatesExactlyTheCustomersAboveItWithOneAlertEach()
    {
        var expected = await SeedAsync();
        await LowerUtilisationThresholdTo85Async();

        var summary = await Service(_h.Pipeline).RunAsync("job:nightly-portfolio-rescore");

        Assert.Equal((Customers, Customers, (long)expected.Count, 0), (summary.Customers, summary.Rescored, summary.Escalations, summary.FailedCount));
        Assert.Equal(_h.Time.GetUtcNow(), summary.AsOf);
        var pending = await _h.Store.Alerts.ListByStatusAsync(AlertStatus.Pending, DateTimeOffset.MaxValue, Customers);
        Assert.Equal(expected.Order(StringComparer.Ordinal), pending.Select(a => a.CustomerId).Order(StringComparer.Ordinal));
        Assert.All(pending, a => Assert.Equal("Your balance is 87% of your credit limit", a.Reason)); // alerts carry the customer's wording
        var current = await _h.Store.Assessments.GetCurrentManyAsync([.. Enumerable.Range(0, Customers).Select(Id)]);
        Assert.Equal(expected.Count, current.Values.Count(r => r.Band == RiskBand.High));

        var audit = Assert.Single(await _h.Store.Audit.ListAsync(PortfolioRescoreService.AuditAction, 0, 10));
        Assert.Equal("job:nightly-portfolio-rescore", audit.Actor);
        Assert.Contains($"\"escalations\":{expected.Count}", audit.Details);
    }

    [Fact]
    public async Task RunAsync_Twice_SecondRunFindsNoNewEscalations()
    {
        var expected = await SeedAsync();
        await LowerUtilisationThresholdTo85Async();
        var service = Service(_h.Pipeline);
        await service.RunAsync("job:nightly-portfolio-rescore");
        _h.Time.Advance(TimeSpan.FromDays(1));

        var second = await service.RunAsync("job:nightly-portfolio-rescore");

        Assert.Equal((Customers, 0L), (second.Customers, second.Escalations));
        Assert.Equal(expected.Count, (await _h.Store.Alerts.CountByStatusAsync())[AlertStatus.Pending]);
    }

    [Fact]
    public async Task RunAsync_OneCustomerKeepsFailing_TheRestAreRescoredAndTheFailureReported()
    {
        var expected = await SeedAsync();
        await LowerUtilisationThresholdTo85Async();
        var poisoned = Id(5); // one of the escalating customers
        Assert.Contains(poisoned, expected);
        var faulty = new PoisonedStore(_h.Store, poisoned);
        var pipeline = new RiskPipeline(
            faulty, new NoChampion(), _h.Rules, _h.Events, new CustomerLockTable(),
            Options.Create(new BandingOptions()), Options.Create(new RiskPipelineOptions()), _h.Time, NullLogger<RiskPipeline>.Instance);

        var summary = await Service(pipeline).RunAsync("job:nightly-portfolio-rescore");

        Assert.Equal((Customers, Customers - 1, expected.Count - 1L, 1), (summary.Customers, summary.Rescored, summary.Escalations, summary.FailedCount));
        Assert.Equal([poisoned], summary.FailedCustomerIds);
        Assert.True(faulty.Attempts >= 3, $"the failing customer was tried {faulty.Attempts} times"); // batch, alone, retry
        Assert.Equal(expected.Count - 1, (await _h.Store.Alerts.CountByStatusAsync())[AlertStatus.Pending]);
    }

    [Fact]
    public async Task RunAsync_EveryCustomerFails_StopsAfterTheConfiguredFailuresInARowAndRecordsTheStop()
    {
        await SeedAsync();
        var down = new PoisonedStore(_h.Store, PoisonedStore.Everyone);
        var pipeline = new RiskPipeline(
            down, new NoChampion(), _h.Rules, _h.Events, new CustomerLockTable(),
            Options.Create(new BandingOptions()), Options.Create(new RiskPipelineOptions()), _h.Time, NullLogger<RiskPipeline>.Instance);

        var stop = await Assert.ThrowsAsync<InvalidOperationException>(() => Service(pipeline).RunAsync("job:nightly-portfolio-rescore"));

        Assert.StartsWith("20 customers in a row failed to re-score one by one, the last with: bad sector under", stop.Message);
        // Each of the 5 batches tried once, then at most 20 of its customers alone: not every customer three times (over 9,000 tries).
        Assert.InRange(down.Attempts, 21, 5 * 21);
        var entry = Assert.Single(await _h.Store.Audit.ListAsync(PortfolioRescoreService.StoppedAuditAction, 0, 10));
        Assert.Contains("in a row failed", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CustomerListFailsPartWay_FinishesTheStartedBatchThenRecordsTheStop()
    {
        await SeedAsync();
        var store = new ListFailsAfterFirstPageStore(_h.Store);
        var service = new PortfolioRescoreService(
            _h.Pipeline, store, Options.Create(new PortfolioRescoreOptions { BatchSize = 700 }), _h.Time, NullLogger<PortfolioRescoreService>.Instance);

        await Assert.ThrowsAsync<IOException>(() => service.RunAsync("job:nightly-portfolio-rescore"));

        // The first page's batch ran to its end before the job gave up, so a retry of the job cannot overlap it.
        var firstPage = Enumerable.Range(0, 700).Select(Id).ToList();
        var current = await _h.Store.Assessments.GetCurrentManyAsync(firstPage);
        Assert.All(firstPage, id => Assert.Equal(_h.Time.GetUtcNow(), current[id].AssessedAt));
        var entry = Assert.Single(await _h.Store.Audit.ListAsync(PortfolioRescoreService.StoppedAuditAction, 0, 10));
        Assert.Contains("\"customersReached\":700", entry.Details, StringComparison.Ordinal);
        Assert.Contains("the customer list went away", entry.Details, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.Audit.ListAsync(PortfolioRescoreService.AuditAction, 0, 10));
    }

    [Fact]
    public async Task RunAsync_WhileAnotherRunIsGoing_RefusesToStartASecond()
    {
        await _h.AddCustomersAsync("c1");
        var gate = new TaskCompletionSource();
        var slow = new PoisonedStore(_h.Store, poisonedId: null) { BeforeRead = gate.Task };
        var pipeline = new RiskPipeline(
            slow, new NoChampion(), _h.Rules, _h.Events, new CustomerLockTable(),
            Options.Create(new BandingOptions()), Options.Create(new RiskPipelineOptions()), _h.Time, NullLogger<RiskPipeline>.Instance);
        var service = Service(pipeline);

        var first = service.RunAsync("job:nightly-portfolio-rescore");
        var second = await Assert.ThrowsAsync<InvalidOperationException>(() => service.RunAsync("job:nightly-portfolio-rescore"));
        gate.SetResult();

        Assert.Contains("already running", second.Message);
        Assert.Equal(1, (await first).Rescored);
    }

    /// <summary>
    /// <see cref="Customers"/> customers with limit 10,000 and one purchase each: every fifth spends 8,700 (87%, below
    /// the default 90% rule, so not High yet), the others 5,000. Returns the ids of the 87% customers.
    /// </summary>
    private async Task<List<string>> SeedAsync()
    {
        var ids = Enumerable.Range(0, Customers).Select(Id).ToArray();
        await _h.AddCustomersAsync(ids);
        var spends = ids.Select((id, i) => new Transaction
        {
            Id = "t-" + id,
            CustomerId = id,
            Timestamp = PipelineHarness.Start.AddDays(-3),
            Amount = i % 5 == 0 ? 8_700m : 5_000m,
            Type = TransactionType.Purchase,
            MerchantCategory = "5411",
        }).ToList();
        var stored = await _h.Store.Transactions.InsertNewAsync(spends);
        var assessments = await _h.Pipeline.ProcessTransactionsAsync(stored);
        Assert.DoesNotContain(assessments, a => a.Band == RiskBand.High);
        Assert.Empty(await _h.Store.Alerts.ListByStatusAsync(AlertStatus.Pending, DateTimeOffset.MaxValue, 10));
        return [.. ids.Where((_, i) => i % 5 == 0)];
    }

    private async Task LowerUtilisationThresholdTo85Async()
    {
        var current = await _h.Rules.GetAsync();
        await _h.Rules.UpdateAsync(current.Settings with { UtilisationHighPct = 85 }, current.Version, "alice");
    }

    private PortfolioRescoreService Service(RiskPipeline pipeline) => new(
        pipeline, _h.Store, Options.Create(new PortfolioRescoreOptions { BatchSize = 700 }), _h.Time, NullLogger<PortfolioRescoreService>.Instance);

    private static string Id(int i) => $"cust-{i:D5}";

    private sealed class NoChampion : Core.Scoring.IChampionModelProvider
    {
        public ValueTask<Core.Scoring.IRiskModel?> GetChampionAsync(CancellationToken ct = default) => ValueTask.FromResult<Core.Scoring.IRiskModel?>(null);
    }

    /// <summary>The harness store, except that reading the profile of <c>poisonedId</c> always fails (and reads can be held back).</summary>
    private sealed class PoisonedStore(ICreditRiskStore inner, string? poisonedId) : DelegatingStore(inner)
    {
        private int _attempts;

        public int Attempts => _attempts;

        public Task BeforeRead { get; init; } = Task.CompletedTask;

        public string? PoisonedId => poisonedId;

        /// <summary>The poisoned id that fails every customer, as a store that is down does.</summary>
        public const string Everyone = "*";

        public override IBehaviorProfileRepository Profiles => new PoisonedProfiles(this, Inner.Profiles);

        private sealed class PoisonedProfiles(PoisonedStore store, IBehaviorProfileRepository inner) : IBehaviorProfileRepository
        {
            public async Task<IReadOnlyDictionary<string, Core.Features.BehaviorProfile>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
            {
                await store.BeforeRead;
                if (store.PoisonedId is { } poisoned && (poisoned == Everyone || customerIds.Contains(poisoned)))
                {
                    Interlocked.Increment(ref store._attempts);
                    throw new IOException("bad sector under " + poisoned);
                }

                return await inner.GetManyAsync(customerIds, ct);
            }

            public Task<Core.Features.BehaviorProfile?> GetAsync(string customerId, CancellationToken ct = default) => inner.GetAsync(customerId, ct);

            public Task<bool> TrySaveAsync(Core.Features.BehaviorProfile profile, long expectedVersion, CancellationToken ct = default) =>
                inner.TrySaveAsync(profile, expectedVersion, ct);
        }

    }

    /// <summary>The harness store, except that listing customer ids fails after the first page.</summary>
    private sealed class ListFailsAfterFirstPageStore(ICreditRiskStore inner) : DelegatingStore(inner)
    {
        public override ICustomerRepository Customers => FailingCustomers.Wrap(Inner.Customers);
    }

    public class FailingCustomers : System.Reflection.DispatchProxy
    {
        private ICustomerRepository _inner = null!;

        public static ICustomerRepository Wrap(ICustomerRepository inner)
        {
            var proxy = Create<ICustomerRepository, FailingCustomers>();
            ((FailingCustomers)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args) =>
            method!.Name == nameof(ICustomerRepository.ListIdsAsync) && args![0] is not null
                ? Task.FromException<IReadOnlyList<string>>(new IOException("the customer list went away"))
                : method.Invoke(_inner, args);
    }
}
