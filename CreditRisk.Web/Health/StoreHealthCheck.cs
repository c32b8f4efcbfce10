using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditRisk.Web.Health;

/// <summary>Healthy when the store answers a round trip; the store's description goes into the report.</summary>
internal sealed class StoreHealthCheck(ICreditRiskStore store, ILogger<StoreHealthCheck> logger) : IHealthCheck
{
    public const string StoreKey = "store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { [StoreKey] = store.Description };
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy(data: data);
        }
        catch (Exception ex)
        {
            // The reason goes to the log only: /health is anonymous and must not describe the infrastructure's failures.
            logger.LogError(ex, "Store health check failed for {Store}", store.Description);
            return new HealthCheckResult(context.Registration.FailureStatus, "store unreachable", data: data);
        }
    }
}
