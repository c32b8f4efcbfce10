using CreditRisk.Core.Features;

namespace CreditRisk.Core.Snapshots;

/// <summary>Where a customer's current risk comes from.</summary>
public enum RiskSource
{
    /// <summary>The behavioural profile built from raw transactions and statements (or nothing yet).</summary>
    Behaviour,

    /// <summary>The customer's latest snapshot row: no raw data has arrived for them.</summary>
    Snapshot,
}

/// <summary>
/// The one rule both the pipeline and the drill-down use: a customer with a snapshot is scored from it until raw
/// transactions or statements arrive; from then on the behavioural profile takes over (the snapshot stays stored, as
/// history, but no longer scores).
/// </summary>
public static class RiskSources
{
    public static RiskSource Of(BehaviorProfile? profile, CustomerSnapshot? snapshot) =>
        snapshot is not null && !HasRawData(profile) ? RiskSource.Snapshot : RiskSource.Behaviour;

    /// <summary>Whether any transaction or statement was ever applied to the profile.</summary>
    public static bool HasRawData(BehaviorProfile? profile) => profile is not null && (profile.TransactionCount > 0 || profile.Cycles.Count > 0);
}
