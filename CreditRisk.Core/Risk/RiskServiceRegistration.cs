using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditRisk.Core.Risk;

/// <summary>Registrations of the feature, rule and pipeline services; called by <see cref="DependencyInjection.AddCreditRiskCore"/>.</summary>
internal static class RiskServiceRegistration
{
    public static IServiceCollection AddRiskServices(this IServiceCollection services)
    {
        services.AddOptions<RuleOptions>().BindConfiguration(RuleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BandingOptions>().BindConfiguration(BandingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RiskPipelineOptions>().BindConfiguration(RiskPipelineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RuleSettingsService>();
        services.AddSingleton<PastDueReader>();
        services.AddSingleton<InMemoryRiskEventBus>();
        services.AddSingleton<IRiskEventPublisher>(sp => sp.GetRequiredService<InMemoryRiskEventBus>());
        services.AddSingleton<IRiskEventStream>(sp => sp.GetRequiredService<InMemoryRiskEventBus>());

        // The model issue replaces this with a registry-backed provider.
        services.TryAddSingleton<IChampionModelProvider, NoChampionModelProvider>();
        services.AddSingleton<CustomerLockTable>();
        services.AddSingleton<RiskPipeline>();
        services.AddSingleton<TransactionsInFlight>();
        services.AddSingleton<LiveIngestionLoad>();

        // Every ingest (API or CSV import) re-scores its customers before answering; recovery repairs what a crash
        // between storing and applying left behind.
        services.AddSingleton<IIngestionListener, RiskIngestionListener>();
        services.AddSingleton<PendingRecovery>();
        services.AddHostedService<PendingRecoveryService>();
        return services;
    }

    /// <summary>The nightly portfolio re-score; one instance so its one-run-at-a-time guard holds process-wide.</summary>
    public static IServiceCollection AddPortfolioRescore(this IServiceCollection services)
    {
        services.AddOptions<PortfolioRescoreOptions>().BindConfiguration(PortfolioRescoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PortfolioRescoreService>();
        return services;
    }
}
