using CreditRisk.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Core.Snapshots;

/// <summary>Registrations of the snapshot capability; called by <see cref="DependencyInjection.AddCreditRiskCore"/>.</summary>
internal static class SnapshotRegistration
{
    public static IServiceCollection AddSnapshots(this IServiceCollection services)
    {
        services.AddOptions<SnapshotOptions>().BindConfiguration(SnapshotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<ICreditRiskStore>() is ICustomerSnapshotStore store
            ? store.Snapshots
            : throw new InvalidOperationException(
                $"The configured store ({sp.GetRequiredService<ICreditRiskStore>().GetType().Name}) keeps no customer snapshots."));
        services.AddSingleton<SnapshotChampionProvider>();
        services.AddSingleton<SnapshotRiskSource>();
        services.AddSingleton<SnapshotBatchWriter>();
        services.AddSingleton<SnapshotImporter>();
        services.AddSingleton<SnapshotTrainer>();
        services.AddSingleton<RiskSourceService>();
        return services;
    }
}
