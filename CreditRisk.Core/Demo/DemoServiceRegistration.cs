using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Core.Demo;

/// <summary>Registrations of the first-run demo seeding; called by <see cref="DependencyInjection.AddCreditRiskCore"/>.</summary>
internal static class DemoServiceRegistration
{
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DemoPortfolioSeeding>();
        services.AddSingleton<DemoHistoryWriter>();
        services.AddSingleton<DemoModelTrainer>();
        services.AddSingleton<DemoPortfolioScorer>();
        services.AddSingleton<DemoSeedProgress>();
        services.AddTransient<DemoAlertActivity>();

        // Registered as itself too, so tests and diagnostics can await its result.
        services.AddSingleton<DemoPortfolioSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoPortfolioSeeder>());
        return services;
    }
}
