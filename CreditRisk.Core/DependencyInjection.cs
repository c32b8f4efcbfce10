using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddIngestion();
        _ = configuration;
        return services;
    }
}
