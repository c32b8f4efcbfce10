using CreditRisk.Core.Features;

namespace CreditRisk.Core.Snapshots;

/// <summary>Where a customer's current risk comes from.</summary>
public enum RiskSource
{
    /// <summary>The behavioural profile built from raw transactions and statements (or nothing yet).</summary>
    Behaviour,

    /// <summary>The customer's latest snapshot row: no statement has arrived for them.</summary>
    Snapshot,
}

/// <summary>
/// The one rule both the pipeline and the drill-down use: a customer with a snapshot is scored from it until their
/// first statement arrives; from then on the behavioural profile takes over (the snapshot stays stored, as history,
/// but no longer scores). Transactions alone do not hand over: without a statement the profile's balance is the sum of
/// the transactions it has seen, which for a customer the bank first sent as a snapshot starts from nothing, so one
/// purchase of 500 read a customer the snapshot showed at 115% of a 120,000 limit as 0.4% used, and High fell to Low.
/// Their transactions are kept in the profile meanwhile, and count from the handover on.
/// </summary>
public static class RiskSources
{
    public static RiskSource Of(BehaviorProfile? profile, CustomerSnapshot? snapshot) =>
        snapshot is not null && !HasStatement(profile) ? RiskSource.Snapshot : RiskSource.Behaviour;

    /// <summary>Whether any statement was ever applied to the profile: what anchors its balance.</summary>
    public static bool HasStatement(BehaviorProfile? profile) => profile is { Cycles.Count: > 0 };
}
