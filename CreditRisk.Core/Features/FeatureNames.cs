namespace CreditRisk.Core.Features;

/// <summary>
/// Names of the features in the order <see cref="FeatureEngine"/> writes them; trained models store this list
/// and must be given vectors in the same order. New features are only ever appended, so a model trained on an
/// earlier, shorter list reads the same leading positions (see <see cref="Scoring.ModelIncompatibleException"/>). See <c>docs/features.md</c> for formulas, units and windows.
/// </summary>
public static class FeatureNames
{
    public const string UtilisationPct = "utilisation_pct";
    public const string OverLimitCount90d = "over_limit_count_90d";
    public const string SpendChangePct30d = "spend_change_pct_30d";
    public const string MerchantMixIndex30d = "merchant_mix_index_30d";
    public const string MerchantMixChangePct30d = "merchant_mix_change_pct_30d";
    public const string CashWithdrawalPct30d = "cash_withdrawal_pct_30d";
    public const string MinDueOnlyStreak = "min_due_only_streak";
    public const string MinDuePaidFreq6c = "min_due_paid_freq_6c";
    public const string PaymentRatio = "payment_ratio";
    public const string PaymentStabilityCv = "payment_stability_cv";
    public const string SpendVolatilityCv = "spend_volatility_cv";
    public const string MaxDpd6m = "max_dpd_6m";
    public const string DelinquentCycles6m = "delinquent_cycles_6m";
    public const string PurchaseCount30d = "purchase_count_30d";
    public const string PurchaseCountPrev30d = "purchase_count_prev_30d";
    public const string CreditLimit = "credit_limit";
    public const string DpdLatest = "dpd_latest";
    public const string UtilisationMean6c = "utilisation_mean_6c";
    public const string UtilisationMax6c = "utilisation_max_6c";
    public const string UtilisationVsMean6c = "utilisation_vs_mean_6c";
    public const string BillTrend6c = "bill_trend_6c";
    public const string BillVolatility6c = "bill_volatility_6c";
    public const string PaymentRatioMean6c = "payment_ratio_mean_6c";
    public const string UnpaidCycles6c = "unpaid_cycles_6c";
    public const string PaymentToLimitPct = "payment_to_limit_pct";
    public const string BalanceAmount = "balance_amount";
    public const string PaymentAmount30d = "payment_amount_30d";

    /// <summary>Every feature name, in vector order (index <c>i</c> is <see cref="FeatureIndex"/> constant <c>i</c>).</summary>
    public static IReadOnlyList<string> Ordered { get; } =
    [
        UtilisationPct,
        OverLimitCount90d,
        SpendChangePct30d,
        MerchantMixIndex30d,
        MerchantMixChangePct30d,
        CashWithdrawalPct30d,
        MinDueOnlyStreak,
        MinDuePaidFreq6c,
        PaymentRatio,
        PaymentStabilityCv,
        SpendVolatilityCv,
        MaxDpd6m,
        DelinquentCycles6m,
        PurchaseCount30d,
        PurchaseCountPrev30d,
        CreditLimit,
        DpdLatest,
        UtilisationMean6c,
        UtilisationMax6c,
        UtilisationVsMean6c,
        BillTrend6c,
        BillVolatility6c,
        PaymentRatioMean6c,
        UnpaidCycles6c,
        PaymentToLimitPct,
        BalanceAmount,
        PaymentAmount30d,
    ];

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [UtilisationPct] = "Utilisation",
        // Counted on days with a transaction or a statement (and the as-of day), not calendar days (docs/features.md):
        // "Over-limit days: 3" read as wrong for a balance over the limit for seven weeks with three days of activity.
        [OverLimitCount90d] = "Over-limit days with activity (90 days)",
        [SpendChangePct30d] = "Spend change (30 days)",
        [MerchantMixIndex30d] = "Merchant mix",
        [MerchantMixChangePct30d] = "Merchant mix change",
        [CashWithdrawalPct30d] = "Cash-withdrawal share",
        [MinDueOnlyStreak] = "Minimum-due-only streak",
        [MinDuePaidFreq6c] = "Minimum-due-only frequency",
        [PaymentRatio] = "Payment ratio",
        [PaymentStabilityCv] = "Payment instability",
        [SpendVolatilityCv] = "Spend volatility",
        [MaxDpd6m] = "Days past due (6 months)",
        [DelinquentCycles6m] = "Delinquent cycles (6 months)",
        [PurchaseCount30d] = "Purchases (30 days)",
        [PurchaseCountPrev30d] = "Purchases (previous 30 days)",
        [CreditLimit] = "Credit limit",
        [DpdLatest] = "Days past due (latest statement)",
        [UtilisationMean6c] = "Statement utilisation (6-month mean)",
        [UtilisationMax6c] = "Statement utilisation (6-month high)",
        [UtilisationVsMean6c] = "Utilisation against its 6-month mean",
        [BillTrend6c] = "Statement balance trend",
        [BillVolatility6c] = "Statement balance volatility",
        [PaymentRatioMean6c] = "Share of bills paid (6-month mean)",
        [UnpaidCycles6c] = "Bills left unpaid (6 months)",
        [PaymentToLimitPct] = "Last payment against the limit",
        [BalanceAmount] = "Balance",
        [PaymentAmount30d] = "Payments (latest month)",
    };

    /// <summary>
    /// Whether a model trained on <paramref name="modelFeatures"/> can read the engine's vectors: its names are the
    /// engine's first ones, in order (features are only ever appended).
    /// </summary>
    public static bool AreLeadingOf(IReadOnlyList<string> modelFeatures, IReadOnlyList<string> engineFeatures) =>
        modelFeatures.Count > 0 && modelFeatures.Count <= engineFeatures.Count
        && modelFeatures.SequenceEqual(engineFeatures.Take(modelFeatures.Count), StringComparer.Ordinal);

    /// <summary>A short human label for a feature name (the name itself when unknown).</summary>
    public static string Label(string name) => Labels.GetValueOrDefault(name, name);
}

/// <summary>Positions of the features in a vector; mirrors <see cref="FeatureNames.Ordered"/>.</summary>
public static class FeatureIndex
{
    public const int UtilisationPct = 0;
    public const int OverLimitCount90d = 1;
    public const int SpendChangePct30d = 2;
    public const int MerchantMixIndex30d = 3;
    public const int MerchantMixChangePct30d = 4;
    public const int CashWithdrawalPct30d = 5;
    public const int MinDueOnlyStreak = 6;
    public const int MinDuePaidFreq6c = 7;
    public const int PaymentRatio = 8;
    public const int PaymentStabilityCv = 9;
    public const int SpendVolatilityCv = 10;
    public const int MaxDpd6m = 11;
    public const int DelinquentCycles6m = 12;
    public const int PurchaseCount30d = 13;
    public const int PurchaseCountPrev30d = 14;
    public const int CreditLimit = 15;
    public const int DpdLatest = 16;
    public const int UtilisationMean6c = 17;
    public const int UtilisationMax6c = 18;
    public const int UtilisationVsMean6c = 19;
    public const int BillTrend6c = 20;
    public const int BillVolatility6c = 21;
    public const int PaymentRatioMean6c = 22;
    public const int UnpaidCycles6c = 23;
    public const int PaymentToLimitPct = 24;
    public const int BalanceAmount = 25;
    public const int PaymentAmount30d = 26;

    /// <summary>Length of a feature vector.</summary>
    public const int Count = 27;
}
