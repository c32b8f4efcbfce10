using CreditRisk.Core.Features;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// The feature list of snapshot models: the snapshot's columns in model units. The columns that mean what a behavioural
/// feature means keep that feature's name and unit (utilisation %, payment ratio 0–1, minimum-due share 0–1, merchant
/// mix 0–1, cash share %, spend change %), so reasons, rules and the grid read them as they read any customer's; the
/// list as a whole differs from <see cref="FeatureNames.Ordered"/>, so a behavioural model can never be handed a
/// snapshot vector nor the reverse (the feature-list check).
/// </summary>
public static class SnapshotFeatures
{
    /// <summary>Credit limit in the account currency; only snapshot models use it.</summary>
    public const string CreditLimit = "credit_limit";

    /// <summary>Every snapshot feature, in vector order.</summary>
    public static IReadOnlyList<string> Ordered { get; } =
    [
        CreditLimit,
        FeatureNames.UtilisationPct,
        FeatureNames.PaymentRatio,
        FeatureNames.MinDuePaidFreq6c,
        FeatureNames.MerchantMixIndex30d,
        FeatureNames.CashWithdrawalPct30d,
        FeatureNames.SpendChangePct30d,
    ];

    /// <summary>Whether <paramref name="names"/> is exactly the snapshot feature list.</summary>
    public static bool Matches(IReadOnlyList<string> names) => names.SequenceEqual(Ordered, StringComparer.Ordinal);

    /// <summary>The model vector of a snapshot: percentages of payments and minimum-due cycles become shares 0–1.</summary>
    public static double?[] Vector(CustomerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return
        [
            (double)snapshot.CreditLimit,
            snapshot.UtilisationPct,
            snapshot.AvgPaymentRatioPct / 100,
            snapshot.MinDuePaidFrequencyPct / 100,
            snapshot.MerchantMixIndex,
            snapshot.CashWithdrawalPct,
            snapshot.RecentSpendChangePct,
        ];
    }
}
