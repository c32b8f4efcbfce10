using CreditRisk.Web.Admin;

namespace CreditRisk.Web.Customers;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>Read services behind the customer drill-down, the customer dashboard and the admin pages.</summary>
    public static IServiceCollection AddCreditRiskConsole(this IServiceCollection services)
    {
        services.AddSingleton<CustomerDetailsService>();
        services.AddSingleton<CustomerDashboardService>();
        services.AddSingleton<ModelAdminService>();
        services.AddSingleton<RetrainAdminService>();
        services.AddSingleton<SnapshotAdminService>();
        services.AddSingleton<RulesWhatIfAdminService>();
        return services;
    }
}
