using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Core.EarlyWarning;

internal static class EarlyWarningRegistration
{
    /// <summary>The early-warning replay, its store-backed history and the backtest of proposed rule changes.</summary>
    public static IServiceCollection AddEarlyWarning(this IServiceCollection services)
    {
        services.AddSingleton<EarlyWarningService>();
        services.AddSingleton<StoreReplayHistorySource>();
        services.AddOptions<RulesWhatIfOptions>()
            .BindConfiguration(RulesWhatIfOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RulesWhatIfService>();
        return services;
    }
}
