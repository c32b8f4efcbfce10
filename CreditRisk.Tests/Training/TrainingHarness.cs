using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Training;

/// <summary>
/// A training service over a fresh store file, with a fake clock and the live champion provider: what the training
/// tests share. A small challenger (40 trees) keeps each training run short.
/// </summary>
internal sealed class TrainingHarness : IAsyncDisposable
{
    private readonly string _dir = TestDirectories.New();

    private TrainingHarness()
    {
        Store = new LiteDbCreditRiskStore(Path.Combine(_dir, "store.db"));
        var options = Options.Create(new ModelOptions { ChallengerTrees = 40 });
        Provider = new ChampionModelProvider(Store.Models, Time, options, NullLogger<ChampionModelProvider>.Instance);
        Rules = new RuleSettingsService(Store.Settings, Store.Audit, Options.Create(new RuleOptions()), Time, NullLogger<RuleSettingsService>.Instance);
        Training = new TrainingService(Store.Models, new ModelPromotionService(Store.Models, Provider, Time), options, Rules, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public ICreditRiskStore Store { get; }

    public ChampionModelProvider Provider { get; }

    public TrainingService Training { get; }

    /// <summary>The rules in force on the harness's store.</summary>
    public RuleSettingsService Rules { get; }

    public static async Task<TrainingHarness> CreateAsync()
    {
        var harness = new TrainingHarness();
        await harness.Store.InitializeAsync();
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        await Store.DisposeAsync();
        TestDirectories.Delete(_dir);
    }
}
