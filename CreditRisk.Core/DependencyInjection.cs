using CreditRisk.Core.Alerts;
using CreditRisk.Core.Demo;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Persistence.Mongo;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Snapshots;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core;

public static class DependencyInjection
{
    /// <summary>Registers the domain services and the storage adapter chosen by configuration.</summary>
    public static IServiceCollection AddCreditRiskCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        AddStore(services, configuration);
        services.AddIngestion();
        services.AddRiskServices();
        services.AddScoring();
        services.AddMessaging();
        services.AddAlerts();
        services.AddPortfolioRescore();
        services.AddPortfolio();
        services.AddEarlyWarning();
        services.AddSnapshots();

        // After the store's initializer, so the seed finds collections and indexes in place.
        services.AddDemoSeeding();
        return services;
    }

    private static void AddStore(IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Mongo")))
        {
            // Embedded default: the path is relative to the current directory, like any command-line path.
            services.AddSingleton(sp => EmbeddedStoreFactory.Open(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        }
        else
        {
            // Production store. StoreInitializer pings it and creates indexes at start-up, failing within
            // Storage:MongoConnectTimeoutSeconds when the server is unreachable.
            var connectionString = configuration.GetConnectionString("Mongo")!;
            services.AddSingleton<ICreditRiskStore>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                return new MongoCreditRiskStore(
                    connectionString, options.MongoDatabase, TimeSpan.FromSeconds(options.MongoConnectTimeoutSeconds));
            });
        }

        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Customers);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Transactions);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Statements);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Profiles);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Assessments);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Alerts);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Models);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Users);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Roles);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().ApiKeys);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Audit);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().Settings);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().DevelopmentOutbox);
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>().InboundMessages);
        services.AddHostedService<StoreInitializer>();
    }
}
