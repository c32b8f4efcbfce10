using CreditRisk.Core.Features;
using CreditRisk.Core.Snapshots;

namespace CreditRisk.Core.Scoring;

/// <summary>
/// What a model is trained on, told by its feature list. Each family has its own champion: the behavioural champion
/// scores customers with raw transactions or statements, the snapshot champion scores snapshot-only customers, and
/// promoting a version replaces only its own family's champion.
/// </summary>
public enum ModelFamily
{
    /// <summary>The feature engine's vector (<see cref="FeatureNames.Ordered"/>), from raw transactions and statements.</summary>
    Behaviour,

    /// <summary>A customer-level snapshot's columns (<see cref="SnapshotFeatures.Ordered"/>).</summary>
    Snapshot,
}

/// <summary>Families of feature lists.</summary>
public static class ModelFamilies
{
    /// <summary>
    /// The family of a version's feature list: <see cref="ModelFamily.Snapshot"/> for exactly the snapshot list, else
    /// <see cref="ModelFamily.Behaviour"/> (a stale behavioural list is still a behavioural version, refused on loading).
    /// </summary>
    public static ModelFamily Of(IReadOnlyList<string> featureNames) =>
        SnapshotFeatures.Matches(featureNames) ? ModelFamily.Snapshot : ModelFamily.Behaviour;

    /// <summary>The feature list a model of <paramref name="family"/> must have been trained on.</summary>
    public static IReadOnlyList<string> FeaturesOf(ModelFamily family) =>
        family == ModelFamily.Snapshot ? SnapshotFeatures.Ordered : FeatureNames.Ordered;

    /// <summary>Short name for people: "behavioural" or "snapshot".</summary>
    public static string Describe(ModelFamily family) => family == ModelFamily.Snapshot ? "snapshot" : "behavioural";
}
