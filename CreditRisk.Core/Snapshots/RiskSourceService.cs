using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Snapshots;

/// <summary>Which source a customer's current risk comes from, for the drill-down (the same rule as the pipeline's, <see cref="RiskSources"/>).</summary>
public sealed class RiskSourceService(ICustomerSnapshotRepository snapshots, IBehaviorProfileRepository profiles)
{
    public async Task<CustomerRiskSource> GetAsync(string customerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var snapshot = await snapshots.GetAsync(customerId, ct).ConfigureAwait(false);
        if (snapshot is null)
        {
            return new CustomerRiskSource(RiskSource.Behaviour, null);
        }

        var profile = await profiles.GetAsync(customerId, ct).ConfigureAwait(false);
        return new CustomerRiskSource(RiskSources.Of(profile, snapshot), snapshot);
    }
}

/// <summary>The source of a customer's current risk, and their latest snapshot (null when they never had one).</summary>
public sealed record CustomerRiskSource(RiskSource Source, CustomerSnapshot? Snapshot);
