using CreditRisk.Core.Risk;
using CreditRisk.Core.Training;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Core.Scoring;

internal static class ScoringRegistration
{
    /// <summary>Model options, the champion provider (one cache per process), promotion, training and evaluation.</summary>
    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddOptions<ModelOptions>()
            .BindConfiguration(ModelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Training measures bands with the live cut-offs; binding the same section twice (if the rule side registers it too) is harmless.
        services.AddOptions<BandingOptions>()
            .BindConfiguration(BandingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ChampionModelProvider>();
        services.AddSingleton<IChampionModelProvider>(sp => sp.GetRequiredService<ChampionModelProvider>());
        services.AddSingleton<ModelPromotionService>();
        services.AddSingleton<TrainingService>();
        services.AddSingleton<EvaluationService>();
        return services;
    }
}
