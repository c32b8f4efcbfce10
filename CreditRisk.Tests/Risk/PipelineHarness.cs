using CreditRisk.Core.Customers;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Risk;

/// <summary>A <see cref="RiskPipeline"/> over a temporary LiteDB file, with a controllable clock and model.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private PipelineHarness(LiteDbCreditRiskStore store)
    {
        Store = store;
        Rules = new RuleSettingsService(
            store.Settings, store.Audit, Options.Create(SingleReadingRules()), Time, NullLogger<RuleSettingsService>.Instance);
        Pipeline = NewInstance();
    }

    public LiteDbCreditRiskStore Store { get; }

    /// <summary>
    /// The default thresholds with every rule firing on one reading: these tests are about the pipeline's mechanics
    /// (alerts, escalation keys, recovery), with one transaction crossing a threshold; confirmation has its own tests.
    /// </summary>
    public static RuleOptions SingleReadingRules() => new()
    {
        UtilisationHighConfirmations = 1,
        CashWithdrawalHighConfirmations = 1,
        SpendDropConfirmations = 1,
        MerchantMixCrashConfirmations = 1,
        CashWithdrawalMinAmount = 0,
        SpendDropMinPreviousSpend = 0,
    };

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryRiskEventBus Events { get; } = new(NullLogger<InMemoryRiskEventBus>.Instance);

    public RuleSettingsService Rules { get; }

    /// <summary>The banding options every pipeline of the harness reads (changes apply at once); nothing pinned by default.</summary>
    public BandingOptions Banding { get; } = new();

    /// <summary>What the champion provider returns; null = no model registered.</summary>
    public IRiskModel? Model { get; set; }

    public RiskPipeline Pipeline { get; }

    public static async Task<PipelineHarness> CreateAsync()
    {
        var directory = TestDirectories.New();
        var store = new LiteDbCreditRiskStore(Path.Combine(directory, "store.db"));
        await store.InitializeAsync();
        return new PipelineHarness(store);
    }

    /// <summary>Another pipeline over the same store with its own lock table, as a second app instance would have.</summary>
    public RiskPipeline NewInstance() => NewInstance(Store);

    /// <summary>A pipeline over <paramref name="store"/> (a wrapper of <see cref="Store"/>, say) with its own lock table.</summary>
    public RiskPipeline NewInstance(ICreditRiskStore store) => new(
        store,
        new ModelProvider(this),
        Rules,
        Events,
        new CustomerLockTable(),
        Options.Create(Banding),
        Options.Create(new RiskPipelineOptions { MaxSaveAttempts = 1_000 }),
        Time,
        NullLogger<RiskPipeline>.Instance);

    public Task AddCustomersAsync(params string[] ids) => Store.Customers.UpsertManyAsync(ids.Select(id => new Customer
    {
        Id = id,
        FullName = $"Customer {id}",
        Phone = "+15550000000",
        CreditLimit = 10_000m,
        OpenedOn = new DateOnly(2020, 1, 1),
    }).ToList());

    public async ValueTask DisposeAsync()
    {
        Events.Dispose();
        var path = Path.GetDirectoryName(Store.FilePath)!;
        await Store.DisposeAsync();
        TestDirectories.Delete(path);
    }

    private sealed class ModelProvider(PipelineHarness harness) : IChampionModelProvider
    {
        public ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default) => ValueTask.FromResult(harness.Model);
    }
}
