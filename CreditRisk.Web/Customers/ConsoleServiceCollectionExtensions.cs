using CreditRisk.Web.Admin;
using CreditRisk.Web.Display;

namespace CreditRisk.Web.Customers;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>Read services behind the customer drill-down, the customer dashboard and the admin pages.</summary>
    public static IServiceCollection AddCreditRiskConsole(this IServiceCollection services)
    {
        // Bad Display:Currency or Display:Culture stops start-up with a message naming the setting.
        services.AddOptions<DisplayOptions>().BindConfiguration(DisplayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MoneyFormat>();
        services.AddSingleton<CustomerDetailsService>();
        services.AddSingleton<CustomerDashboardService>();
        services.AddSingleton<ModelAdminService>();
        services.AddSingleton<RetrainAdminService>();
        services.AddSingleton<SnapshotAdminService>();
        services.AddSingleton<RulesWhatIfAdminService>();
        return services;
    }
}
