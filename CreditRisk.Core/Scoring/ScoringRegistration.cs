using CreditRisk.Core.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditRisk.Core.Scoring;

internal static class ScoringRegistration
{
    /// <summary>
    /// Model options, the registry-backed champion provider (one cache per process), promotion, training and
    /// evaluation, and retraining from the stored data. Band cut-offs (<c>BandingOptions</c>) are registered with the risk services.
    /// </summary>
    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddOptions<ModelOptions>()
            .BindConfiguration(ModelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ChampionModelProvider>();

        // Replaces the risk services' no-model default, whichever of the two registrations runs first.
        services.Replace(ServiceDescriptor.Singleton<IChampionModelProvider>(sp => sp.GetRequiredService<ChampionModelProvider>()));
        services.AddSingleton<ModelPromotionService>();
        services.AddSingleton<TrainingService>();
        services.AddSingleton<EvaluationService>();
        services.AddOptions<StoreTrainingOptions>()
            .BindConfiguration(StoreTrainingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StoreTrainingDataSource>();
        return services;
    }
}
