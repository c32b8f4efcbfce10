using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Core.Portfolio;

/// <summary>Registrations of the portfolio snapshot; called by <see cref="DependencyInjection.AddCreditRiskCore"/>.</summary>
internal static class PortfolioServiceRegistration
{
    public static IServiceCollection AddPortfolio(this IServiceCollection services)
    {
        services.AddOptions<PortfolioOptions>().BindConfiguration(PortfolioOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PortfolioSnapshotBuilder>();
        services.AddSingleton<PortfolioSnapshotService>();
        services.AddSingleton<RiskGridService>();
        return services;
    }
}
