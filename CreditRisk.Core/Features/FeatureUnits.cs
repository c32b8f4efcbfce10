namespace CreditRisk.Core.Features;

/// <summary>What a feature's number counts, so a page can write "77.6%" or "3 days" rather than a bare 77.64.</summary>
public enum FeatureUnit
{
    /// <summary>Percent, already ×100 (utilisation 77.6 → "77.6%").</summary>
    Percent,

    /// <summary>A difference or spread of percentages (utilisation against its mean, the bill's trend and volatility).</summary>
    PercentagePoints,

    /// <summary>A 0–1 share or ratio, shown as a percentage (0.45 → "45%").</summary>
    Share,

    /// <summary>A 0–1 index or a coefficient of variation: a plain number with two decimals.</summary>
    Index,

    /// <summary>Calendar days.</summary>
    Days,

    /// <summary>Statement cycles.</summary>
    Cycles,

    /// <summary>A count of events (purchases).</summary>
    Count,

    /// <summary>An amount in the account's currency.</summary>
    Currency,
}

/// <summary>The unit of each feature, as <c>docs/features.md</c> gives it.</summary>
public static class FeatureUnits
{
    private static readonly Dictionary<string, FeatureUnit> Units = new(StringComparer.Ordinal)
    {
        [FeatureNames.UtilisationPct] = FeatureUnit.Percent,
        [FeatureNames.OverLimitCount90d] = FeatureUnit.Days,
        [FeatureNames.SpendChangePct30d] = FeatureUnit.Percent,
        [FeatureNames.MerchantMixIndex30d] = FeatureUnit.Index,
        [FeatureNames.MerchantMixChangePct30d] = FeatureUnit.Percent,
        [FeatureNames.CashWithdrawalPct30d] = FeatureUnit.Percent,
        [FeatureNames.MinDueOnlyStreak] = FeatureUnit.Cycles,
        [FeatureNames.MinDuePaidFreq6c] = FeatureUnit.Share,
        [FeatureNames.PaymentRatio] = FeatureUnit.Share,
        [FeatureNames.PaymentStabilityCv] = FeatureUnit.Index,
        [FeatureNames.SpendVolatilityCv] = FeatureUnit.Index,
        [FeatureNames.MaxDpd6m] = FeatureUnit.Days,
        [FeatureNames.DelinquentCycles6m] = FeatureUnit.Cycles,
        [FeatureNames.PurchaseCount30d] = FeatureUnit.Count,
        [FeatureNames.PurchaseCountPrev30d] = FeatureUnit.Count,
        [FeatureNames.CreditLimit] = FeatureUnit.Currency,
        [FeatureNames.DpdLatest] = FeatureUnit.Days,
        [FeatureNames.UtilisationMean6c] = FeatureUnit.Percent,
        [FeatureNames.UtilisationMax6c] = FeatureUnit.Percent,
        [FeatureNames.UtilisationVsMean6c] = FeatureUnit.PercentagePoints,
        [FeatureNames.BillTrend6c] = FeatureUnit.PercentagePoints,
        [FeatureNames.BillVolatility6c] = FeatureUnit.PercentagePoints,
        [FeatureNames.PaymentRatioMean6c] = FeatureUnit.Share,
        [FeatureNames.UnpaidCycles6c] = FeatureUnit.Cycles,
        [FeatureNames.PaymentToLimitPct] = FeatureUnit.Percent,
        [FeatureNames.BalanceAmount] = FeatureUnit.Currency,
        [FeatureNames.PaymentAmount30d] = FeatureUnit.Currency,
    };

    /// <summary>The unit of <paramref name="name"/>; null for a name the engine does not write.</summary>
    public static FeatureUnit? Of(string name) => Units.TryGetValue(name, out var unit) ? unit : null;
}
