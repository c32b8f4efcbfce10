using CreditRisk.Core.Identity;
using CreditRisk.Core.Ingestion.Csv;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Core.Ingestion;

internal static class IngestionServiceCollectionExtensions
{
    /// <summary>Ingestion limits, validator, service and CSV importer, plus API keys (the ingestion API's credentials).</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IngestionValidator>();
        services.AddSingleton<CustomerBatchTurns>();
        // Scoped: listeners (the risk pipeline) may depend on scoped services.
        services.AddScoped<IngestionService>();
        services.AddScoped<CsvImporter>();
        services.AddSingleton<ApiKeyService>();
        return services;
    }
}
