using CreditRisk.Core;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Risk;

public sealed class RiskServiceRegistrationTests : IDisposable
{
    private readonly string _root = TestDirectories.New();

    public void Dispose()
    {
        TestDirectories.Delete(_root);
    }

    [Fact]
    public async Task AddCreditRiskCore_Defaults_ResolvesPipelineWithRegistryModelProviderAndOneEventBus()
    {
        await using var provider = Build([]);

        Assert.NotNull(provider.GetRequiredService<RiskPipeline>());
        Assert.IsType<ChampionModelProvider>(provider.GetRequiredService<IChampionModelProvider>());
        Assert.Same(provider.GetRequiredService<IRiskEventPublisher>(), provider.GetRequiredService<IRiskEventStream>());
        Assert.Equal(90, provider.GetRequiredService<RuleSettingsService>().Defaults.UtilisationHighPct);
    }

    [Fact]
    public async Task AddCreditRiskCore_Defaults_IngestionRunsThePipelineAndRecoveryRunsInTheBackground()
    {
        await using var provider = Build([]);

        Assert.IsType<RiskIngestionListener>(Assert.Single(provider.GetServices<IIngestionListener>()));
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is PendingRecoveryService);
        var options = provider.GetRequiredService<IOptions<RiskPipelineOptions>>().Value;
        Assert.Equal(0, options.RecoveryGraceSeconds);
        Assert.Equal(300, options.RecoverySweepSeconds);
    }

    [Fact]
    public async Task AddCreditRiskCore_AcceptedIngest_CountsAsLiveIngestionLoadForTheRescore()
    {
        await using var provider = Build([]);
        await provider.GetRequiredService<ICreditRiskStore>().InitializeAsync();
        var load = provider.GetRequiredService<LiveIngestionLoad>();

        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IngestionService>().IngestCustomersAsync(
            [new CustomerInput { CustomerId = "c1", FullName = "Ada", Phone = "+447700900123", CreditLimit = 1_000m, OpenedOn = new DateOnly(2026, 1, 5) }]);

        Assert.Empty(result.Errors);
        Assert.False(load.IsBusy);
        Assert.True(load.BusyTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task AddCreditRiskCore_ConfiguredThresholds_BecomeTheDefaults()
    {
        await using var provider = Build(new()
        {
            ["Rules:UtilisationHighPct"] = "85",
            ["Banding:MediumFrom"] = "0.4",
            ["Banding:HighFrom"] = "0.7",
            ["Banding:HighAlertsPer1000PerMonth"] = "12",
        });

        Assert.Equal(85, provider.GetRequiredService<RuleSettingsService>().Defaults.UtilisationHighPct);
        var banding = provider.GetRequiredService<IOptions<BandingOptions>>().Value;
        Assert.Equal(new(0.4, 0.7), banding.Pinned);
        Assert.Equal(12, banding.Budget.HighAlertsPer1000PerMonth);
    }

    [Theory]
    [InlineData("Banding:HighFrom", "0.05", "MediumFrom")]
    [InlineData("Banding:WatchListShare", "1.5", "WatchListShare")]
    [InlineData("Rules:CashWithdrawalHighPct", "140", "CashWithdrawalHighPct")]
    [InlineData("Rules:ConfirmationChecks", "1", "UtilisationHighConfirmations")] // beside the default 2: the rule could never fire
    [InlineData("RiskPipeline:MaxSaveAttempts", "0", "MaxSaveAttempts")]
    [InlineData("RiskPipeline:RecoveryGraceSeconds", "-1", "RecoveryGraceSeconds")]
    [InlineData("RiskPipeline:RecoverySweepSeconds", "100000", "RecoverySweepSeconds")]
    public async Task AddCreditRiskCore_InvalidSetting_FailsNamingTheField(string key, string value, string field)
    {
        await using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<BandingOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<RuleOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<RiskPipelineOptions>>().Value;
        });
        Assert.Contains(field, error.Message);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:SqlitePath"] = Path.Combine(_root, "store.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCreditRiskCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
