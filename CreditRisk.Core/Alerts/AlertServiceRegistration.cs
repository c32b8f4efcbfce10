using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Core.Alerts;

/// <summary>Registrations of alert delivery, metrics and history; called by <see cref="DependencyInjection.AddCreditRiskCore"/>.</summary>
internal static class AlertServiceRegistration
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertDeliveryOptions>().BindConfiguration(AlertDeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Transient: the WhatsApp sender it uses is a typed HttpClient.
        services.AddTransient<AlertDeliveryService>();
        services.AddTransient<ManualAlertService>();
        services.AddSingleton<AlertAudit>();
        services.AddSingleton<AutomaticAlertTurns>();

        // One bus per process: every alert state change reaches every open view (grid, drill-down, Outbox, dashboard).
        services.AddSingleton<InMemoryAlertEventBus>();
        services.AddSingleton<IAlertEventPublisher>(sp => sp.GetRequiredService<InMemoryAlertEventBus>());
        services.AddSingleton<IAlertEventStream>(sp => sp.GetRequiredService<InMemoryAlertEventBus>());
        services.AddSingleton<AlertDispatchLog>();

        // AlertOutboxSweeper needs an IAlertDispatcher, which only a host with a job system (the web app) provides,
        // so that host registers it.
        services.AddSingleton<AlertMetricsService>();
        services.AddSingleton<AlertHistoryService>();
        return services;
    }
}
