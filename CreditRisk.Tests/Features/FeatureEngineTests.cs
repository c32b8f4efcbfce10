using CreditRisk.Core.Features;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using static CreditRisk.Tests.Builders.TestData;

namespace CreditRisk.Tests.Features;

public sealed class FeatureEngineTests
{
    private const int Precision = 6;

    // ---- utilisation_pct -------------------------------------------------------------------------------------

    [Fact]
    public void Compute_TransactionsOnly_UtilisationFromRunningBalance()
    {
        var f = Features([Purchase(Day(100), 9_000m), Tx(Day(101), 400m, TransactionType.Fee)], [], limit: 10_000m, asOf: Day(110));

        Assert.Equal(94d, f[FeatureIndex.UtilisationPct]!.Value, Precision);
    }

    [Fact]
    public void Compute_StatementAndLaterTransactions_UtilisationFromStatementPlusNetSince()
    {
        var f = Features(
            [Purchase(Day(85), 1_000m), Purchase(Day(95), 2_000m), Payment(Day(96), 500m)],
            [Stmt(Day(90), balance: 5_000m)],
            limit: 10_000m,
            asOf: Day(100));

        // 5,000 + 2,000 − 500; the purchase on day 85 is already inside the statement balance.
        Assert.Equal(65d, f[FeatureIndex.UtilisationPct]!.Value, Precision);
    }

    [Fact]
    public void Compute_StatementsOnlyWithoutCustomerLimit_UsesStatementLimit()
    {
        var f = Features([], [Stmt(Day(90), balance: 3_000m, limit: 4_000m)], limit: null, asOf: Day(100));

        Assert.Equal(75d, f[FeatureIndex.UtilisationPct]!.Value, Precision);
    }

    [Fact]
    public void Compute_AsOfBeforeLaterTransactions_UtilisationIgnoresThem()
    {
        var f = Features([Purchase(Day(100), 1_000m), Purchase(Day(120), 500m)], [], limit: 10_000m, asOf: Day(110));

        Assert.Equal(10d, f[FeatureIndex.UtilisationPct]!.Value, Precision);
    }

    [Fact]
    public void Compute_CreditBalance_UtilisationIsZero()
    {
        var f = Features([Purchase(Day(1), 100m), Payment(Day(2), 300m)], [], limit: 1_000m, asOf: Day(3));

        Assert.Equal(0d, f[FeatureIndex.UtilisationPct]);
    }

    [Fact]
    public void Compute_NoLimitKnown_UtilisationMissing()
    {
        var f = Features([Purchase(Day(1), 100m)], [], limit: null, asOf: Day(3));

        Assert.Null(f[FeatureIndex.UtilisationPct]);
        Assert.Null(f[FeatureIndex.OverLimitCount90d]);
    }

    [Fact]
    public void Compute_EmptyProfile_EveryBehaviouralFeatureMissing()
    {
        var f = Features([], [], limit: 10_000m, asOf: Day(100));

        // The limit comes from the customer record, not from behaviour.
        Assert.Equal(10_000d, f[FeatureIndex.CreditLimit]);
        Assert.All(f.Where((_, i) => i != FeatureIndex.CreditLimit), value => Assert.Null(value));
    }

    // ---- over_limit_count_90d --------------------------------------------------------------------------------

    [Fact]
    public void Compute_TransactionsCrossingLimit_CountsDaysEndingOverLimit()
    {
        List<Transaction> txs = [Purchase(Day(10), 1_200m), Payment(Day(20), 500m), Purchase(Day(30), 400m)];

        // Day 10: 1,200 over; day 20: 700; day 30: 1,100 over; as-of day 95: still 1,100 over.
        Assert.Equal(3d, Features(txs, [], limit: 1_000m, asOf: Day(95))[FeatureIndex.OverLimitCount90d]);
        // Day 10 leaves the 90-day window (days 11–100).
        Assert.Equal(2d, Features(txs, [], limit: 1_000m, asOf: Day(100))[FeatureIndex.OverLimitCount90d]);
    }

    [Fact]
    public void Compute_StatementsOnly_CountsStatementsOverTheirLimit()
    {
        var f = Features(
            [],
            [Stmt(Day(30), balance: 1_100m, limit: 1_000m), Stmt(Day(60), balance: 900m, limit: 1_000m)],
            limit: null,
            asOf: Day(70));

        Assert.Equal(1d, f[FeatureIndex.OverLimitCount90d]);
    }

    // ---- spend_change_pct_30d --------------------------------------------------------------------------------

    [Fact]
    public void Compute_TransactionsCoverBothWindows_SpendChangeFromTransactions()
    {
        var f = Features(
            [Purchase(Day(41), 1_000m), Cash(Day(60), 500m), Purchase(Day(80), 300m), Payment(Day(90), 50m)],
            [],
            limit: 10_000m,
            asOf: Day(100));

        // (300 − 1,500) / 1,500
        Assert.Equal(-80d, f[FeatureIndex.SpendChangePct30d]!.Value, Precision);
    }

    [Fact]
    public void Compute_HistoryStartsInsidePreviousWindow_SpendChangeMissing()
    {
        var f = Features([Purchase(Day(50), 1_000m), Purchase(Day(80), 300m)], [], limit: 10_000m, asOf: Day(100));

        Assert.Null(f[FeatureIndex.SpendChangePct30d]);
    }

    [Fact]
    public void Compute_NoSpendInPreviousWindow_SpendChangeMissing()
    {
        var f = Features([Payment(Day(30), 10m), Purchase(Day(80), 100m)], [], limit: 10_000m, asOf: Day(100));

        Assert.Null(f[FeatureIndex.SpendChangePct30d]);
    }

    [Fact]
    public void Compute_StatementsOnly_SpendChangeFromImpliedCycleSpend()
    {
        List<Statement> statements =
        [
            Stmt(Day(0), balance: 1_000m, paid: 1_000m),
            Stmt(Day(30), balance: 2_000m, paid: 500m),
            Stmt(Day(60), balance: 2_500m),
        ];

        // Implied spend: day 30 = 2,000 − 1,000 + 1,000 = 2,000; day 60 = 2,500 − 2,000 + 500 = 1,000.
        Assert.Equal(-50d, Features([], statements, 10_000m, Day(70))[FeatureIndex.SpendChangePct30d]!.Value, Precision);
        // The latest statement is 60 days old: too stale to speak for the last 30 days.
        Assert.Null(Features([], statements, 10_000m, Day(120))[FeatureIndex.SpendChangePct30d]);
    }

    // ---- merchant_mix_index_30d / merchant_mix_change_pct_30d --------------------------------------------

    [Fact]
    public void Compute_TwoCategoriesEvenly_MixIndexIsLn2OverLn10()
    {
        var f = Features(
            [Purchase(Day(90), 10m, "5411"), Purchase(Day(91), 10m, "5411"), Purchase(Day(92), 10m, "5812"), Purchase(Day(93), 10m, "5812")],
            [],
            limit: 10_000m,
            asOf: Day(100));

        Assert.Equal(Math.Log(2) / Math.Log(10), f[FeatureIndex.MerchantMixIndex30d]!.Value, Precision);
    }

    [Fact]
    public void Compute_TenCategoriesEvenly_MixIndexIsOne()
    {
        var txs = Enumerable.Range(0, 10).Select(i => Purchase(Day(90), 10m, $"50{i:00}")).ToList();

        Assert.Equal(1d, Features(txs, [], 10_000m, Day(100))[FeatureIndex.MerchantMixIndex30d]!.Value, Precision);
    }

    [Fact]
    public void Compute_OneCategory_MixIndexIsZero()
    {
        var f = Features([Purchase(Day(90), 10m, "5411"), Purchase(Day(95), 20m, "5411")], [], 10_000m, Day(100));

        Assert.Equal(0d, f[FeatureIndex.MerchantMixIndex30d]);
    }

    [Fact]
    public void Compute_NoCategorisedPurchases_MixIndexMissing()
    {
        var f = Features([Purchase(Day(90), 10m, mcc: null), Cash(Day(91), 50m)], [], 10_000m, Day(100));

        Assert.Null(f[FeatureIndex.MerchantMixIndex30d]);
        Assert.Equal(1d, f[FeatureIndex.PurchaseCount30d]);
    }

    [Fact]
    public void Compute_NonNumericCategories_CountedLikeCodes()
    {
        var f = Features(
            [Purchase(Day(90), 10m, "GROCERY"), Purchase(Day(91), 10m, "FUEL"), Purchase(Day(92), 10m, "GROCERY"), Purchase(Day(93), 10m, "FUEL")],
            [],
            10_000m,
            Day(100));

        Assert.Equal(Math.Log(2) / Math.Log(10), f[FeatureIndex.MerchantMixIndex30d]!.Value, Precision);
    }

    [Fact]
    public void Compute_ManyCategoriesThenFew_EachComputationStartsFromZero()
    {
        var many = Enumerable.Range(0, 150).Select(i => Purchase(Day(90), 1m, $"{1000 + i}")).Append(Purchase(Day(90), 1m, "OTHER")).ToList();
        var few = new List<Transaction> { Purchase(Day(90), 1m, "5411"), Purchase(Day(91), 1m, "5812") };

        var first = Features(many, [], 10_000m, Day(100));
        var second = Features(few, [], 10_000m, Day(100));

        Assert.Equal(1d, first[FeatureIndex.MerchantMixIndex30d]);
        Assert.Equal(Math.Log(2) / Math.Log(10), second[FeatureIndex.MerchantMixIndex30d]!.Value, Precision);
    }

    [Fact]
    public void Compute_BalanceExactlyAtLimitAfterFloatingPointSums_NotOverLimit()
    {
        // Summed in binary floating point these three days end at 1,000.0000000000001.
        List<Transaction> txs = [Purchase(Day(50), 691.58m), Purchase(Day(51), 290.58m), Purchase(Day(52), 17.84m)];

        var f = Features(txs, [], 1_000m, Day(60));

        Assert.Equal(0d, f[FeatureIndex.OverLimitCount90d]);
        Assert.Equal(100d, f[FeatureIndex.UtilisationPct]!.Value, Precision);
    }

    [Fact]
    public void Compute_MixHalvesVersusPreviousWindow_ChangeIsMinus50()
    {
        var f = Features(
            [
                Purchase(Day(41), 10m, "5411"), Purchase(Day(45), 10m, "5812"), Purchase(Day(50), 10m, "5912"), Purchase(Day(55), 10m, "4111"),
                Purchase(Day(80), 10m, "5411"), Purchase(Day(85), 10m, "5812"),
            ],
            [],
            10_000m,
            Day(100));

        // ln 2 / ln 10 now versus ln 4 / ln 10 before.
        Assert.Equal(-50d, f[FeatureIndex.MerchantMixChangePct30d]!.Value, Precision);
        Assert.Equal(2d, f[FeatureIndex.PurchaseCount30d]);
        Assert.Equal(4d, f[FeatureIndex.PurchaseCountPrev30d]);
    }

    [Fact]
    public void Compute_PreviousWindowNotFullyObserved_MixChangeMissing()
    {
        var f = Features(
            [Purchase(Day(45), 10m, "5812"), Purchase(Day(50), 10m, "5912"), Purchase(Day(80), 10m, "5411")],
            [],
            10_000m,
            Day(100));

        Assert.NotNull(f[FeatureIndex.MerchantMixIndex30d]);
        Assert.Null(f[FeatureIndex.MerchantMixChangePct30d]);
    }

    // ---- cash_withdrawal_pct_30d -----------------------------------------------------------------------------

    [Fact]
    public void Compute_PurchasesAndCash_CashShareOfSpend()
    {
        var f = Features([Purchase(Day(90), 600m), Cash(Day(95), 400m), Cash(Day(60), 1_000m)], [], 10_000m, Day(100));

        Assert.Equal(40d, f[FeatureIndex.CashWithdrawalPct30d]!.Value, Precision);
    }

    [Fact]
    public void Compute_NoSpendInWindow_CashShareMissing()
    {
        var f = Features([Payment(Day(90), 100m)], [], 10_000m, Day(100));

        Assert.Null(f[FeatureIndex.CashWithdrawalPct30d]);
        Assert.Equal(0d, f[FeatureIndex.PurchaseCount30d]);
    }

    // ---- min_due_only_streak / min_due_paid_freq_6c ---------------------------------------------------------

    private static List<Statement> MinimumDueHistory() =>
    [
        Stmt(Day(0), balance: 1_000m, minimumDue: 50m, paid: 50m),
        Stmt(Day(30), balance: 1_100m, minimumDue: 55m, paid: 60m),    // within the 10% tolerance
        Stmt(Day(60), balance: 1_200m, minimumDue: 60m, paid: 1_200m), // paid in full
        Stmt(Day(90), balance: 1_300m, minimumDue: 65m, paid: 65m),
        Stmt(Day(120), balance: 1_400m, minimumDue: 70m, paid: 70m),
        Stmt(Day(150), balance: 1_500m, minimumDue: 75m, paid: 75m, dueDate: Day(170)),
    ];

    [Fact]
    public void Compute_LatestDueDateNotPassed_StreakAndFrequencyExcludeLatestCycle()
    {
        var f = Features([], MinimumDueHistory(), 10_000m, Day(165));

        Assert.Equal(2d, f[FeatureIndex.MinDueOnlyStreak]);
        Assert.Equal(4d / 5d, f[FeatureIndex.MinDuePaidFreq6c]!.Value, Precision);
        Assert.Equal(70d / 1_400d, f[FeatureIndex.PaymentRatio]!.Value, Precision);
    }

    [Fact]
    public void Compute_LatestDueDatePassed_StreakAndFrequencyIncludeLatestCycle()
    {
        var f = Features([], MinimumDueHistory(), 10_000m, Day(175));

        Assert.Equal(3d, f[FeatureIndex.MinDueOnlyStreak]);
        Assert.Equal(5d / 6d, f[FeatureIndex.MinDuePaidFreq6c]!.Value, Precision);
    }

    [Fact]
    public void Compute_UnderpaidMinimum_CountsAsMinimumDueOnly()
    {
        // Paying less than the minimum is the same behaviour, only stronger: it extends the streak.
        var f = Features(
            [],
            [Stmt(Day(0), 1_000m, minimumDue: 50m, paid: 50m), Stmt(Day(30), 1_000m, minimumDue: 50m, paid: 40m)],
            10_000m,
            Day(90));

        Assert.Equal(2d, f[FeatureIndex.MinDueOnlyStreak]);
        Assert.Equal(1d, f[FeatureIndex.MinDuePaidFreq6c]!.Value, Precision);
    }

    [Fact]
    public void Compute_PaidWellAboveMinimum_BreaksStreak()
    {
        var f = Features(
            [],
            [Stmt(Day(0), 1_000m, minimumDue: 50m, paid: 50m), Stmt(Day(30), 1_000m, minimumDue: 50m, paid: 400m)],
            10_000m,
            Day(90));

        Assert.Equal(0d, f[FeatureIndex.MinDueOnlyStreak]);
        Assert.Equal(0.5d, f[FeatureIndex.MinDuePaidFreq6c]!.Value, Precision);
    }

    [Fact]
    public void Compute_LatestCycleWithoutMinimumDue_StreakMissing()
    {
        var f = Features([], [Stmt(Day(0), 1_000m, minimumDue: 50m, paid: 50m), Stmt(Day(30), 1_000m, minimumDue: null, paid: 40m)], 10_000m, Day(90));

        Assert.Null(f[FeatureIndex.MinDueOnlyStreak]);
        Assert.Equal(1d, f[FeatureIndex.MinDuePaidFreq6c]);
    }

    [Fact]
    public void Compute_TransactionsOnly_MinimumDueAndDelinquencyFeaturesMissing()
    {
        var f = Features([Purchase(Day(1), 100m), Payment(Day(40), 10m)], [], 10_000m, Day(100));

        Assert.Null(f[FeatureIndex.MinDueOnlyStreak]);
        Assert.Null(f[FeatureIndex.MinDuePaidFreq6c]);
        Assert.Null(f[FeatureIndex.MaxDpd6m]);
        Assert.Null(f[FeatureIndex.DelinquentCycles6m]);
        Assert.NotNull(f[FeatureIndex.UtilisationPct]);
    }

    // ---- payment_ratio / payment_stability_cv ----------------------------------------------------------------

    [Fact]
    public void Compute_TransactionsOnly_PaymentRatioIsPaymentsOverOpeningBalance()
    {
        var f = Features([Purchase(Day(0), 2_000m), Payment(Day(40), 500m)], [], 10_000m, Day(60));

        Assert.Equal(0.25d, f[FeatureIndex.PaymentRatio]!.Value, Precision);
    }

    [Fact]
    public void Compute_TransactionsStartInsideWindow_PaymentRatioMissing()
    {
        var f = Features([Purchase(Day(40), 2_000m), Payment(Day(50), 500m)], [], 10_000m, Day(60));

        Assert.Null(f[FeatureIndex.PaymentRatio]);
    }

    [Fact]
    public void Compute_ThreeEvaluableCycles_PaymentStabilityIsCvOfRatios()
    {
        var f = Features(
            [],
            [Stmt(Day(0), 1_000m, paid: 100m), Stmt(Day(30), 1_000m, paid: 200m), Stmt(Day(60), 1_000m, paid: 300m)],
            10_000m,
            Day(100));

        // Ratios 0.1, 0.2, 0.3: population sd √(0.02/3) over mean 0.2.
        Assert.Equal(Math.Sqrt(0.02 / 3) / 0.2, f[FeatureIndex.PaymentStabilityCv]!.Value, Precision);
        Assert.Equal(0.3d, f[FeatureIndex.PaymentRatio]!.Value, Precision);
    }

    [Fact]
    public void Compute_TwoCyclesAndNoTransactions_PaymentStabilityMissing()
    {
        var f = Features([], [Stmt(Day(0), 1_000m, paid: 100m), Stmt(Day(30), 1_000m, paid: 200m)], 10_000m, Day(100));

        Assert.Null(f[FeatureIndex.PaymentStabilityCv]);
    }

    [Fact]
    public void Compute_TransactionsOnlyThreePeriods_PaymentStabilityIsCvOfPeriodPayments()
    {
        // Periods ending day 89: days 60–89, 30–59, 0–29.
        var f = Features(
            [Purchase(Day(0), 1_000m), Payment(Day(10), 100m), Payment(Day(40), 100m), Payment(Day(70), 400m)],
            [],
            10_000m,
            Day(89));

        // Payments 100, 100, 400: sd √20,000 over mean 200.
        Assert.Equal(Math.Sqrt(20_000) / 200, f[FeatureIndex.PaymentStabilityCv]!.Value, Precision);
    }

    // ---- spend_volatility_cv ---------------------------------------------------------------------------------

    [Fact]
    public void Compute_TransactionsThreePeriods_SpendVolatilityIsCvOfPeriodSpend()
    {
        var f = Features([Purchase(Day(0), 100m), Purchase(Day(40), 200m), Cash(Day(70), 300m)], [], 10_000m, Day(89));

        Assert.Equal(Math.Sqrt(20_000d / 3) / 200, f[FeatureIndex.SpendVolatilityCv]!.Value, Precision);
    }

    [Fact]
    public void Compute_TransactionsTwoPeriods_SpendVolatilityMissing()
    {
        var f = Features([Purchase(Day(30), 100m), Purchase(Day(70), 200m)], [], 10_000m, Day(89));

        Assert.Null(f[FeatureIndex.SpendVolatilityCv]);
    }

    [Fact]
    public void Compute_StatementsOnlyFourCycles_SpendVolatilityFromImpliedSpend()
    {
        List<Statement> statements =
        [
            Stmt(Day(0), 0m),
            Stmt(Day(30), 100m, paid: 100m),
            Stmt(Day(60), 200m, paid: 200m),
            Stmt(Day(90), 300m),
        ];

        // Implied spend 100, 200, 300.
        Assert.Equal(Math.Sqrt(20_000d / 3) / 200, Features([], statements, 10_000m, Day(100))[FeatureIndex.SpendVolatilityCv]!.Value, Precision);
    }

    // ---- max_dpd_6m / delinquent_cycles_6m ---------------------------------------------------------------

    [Fact]
    public void Compute_StatementsWithDaysPastDue_MaxAndCountWithinSixMonths()
    {
        var f = Features(
            [],
            [Stmt(Day(0), 1m, dpd: 60), Stmt(Day(30), 1m), Stmt(Day(60), 1m, dpd: 15), Stmt(Day(90), 1m, dpd: 30), Stmt(Day(120), 1m)],
            10_000m,
            Day(200)); // 2025-07-20; six months back is 2025-01-20 (day 19), so day 0 is out.

        Assert.Equal(30d, f[FeatureIndex.MaxDpd6m]);
        Assert.Equal(2d, f[FeatureIndex.DelinquentCycles6m]);
    }

    [Fact]
    public void Compute_NoStatementInSixMonths_DelinquencyMissing()
    {
        var f = Features([], [Stmt(Day(0), 1m, dpd: 60)], 10_000m, Day(200));

        Assert.Null(f[FeatureIndex.MaxDpd6m]);
        Assert.Null(f[FeatureIndex.DelinquentCycles6m]);
    }

    // ---- sources and mechanics -------------------------------------------------------------------------------

    [Fact]
    public void Compute_StatementsOnly_TransactionFeaturesMissing()
    {
        var f = Features([], MinimumDueHistory(), 10_000m, Day(175));

        Assert.Null(f[FeatureIndex.MerchantMixIndex30d]);
        Assert.Null(f[FeatureIndex.CashWithdrawalPct30d]);
        Assert.Null(f[FeatureIndex.PurchaseCount30d]);
        Assert.NotNull(f[FeatureIndex.UtilisationPct]);
    }

    [Fact]
    public void Compute_ProfileBuiltOrUpdated_SameFeatures()
    {
        List<Transaction> txs = [Purchase(Day(41), 1_000m), Cash(Day(60), 500m), Purchase(Day(80), 300m, "5812"), Payment(Day(90), 50m)];
        List<Statement> statements = [Stmt(Day(50), 800m, minimumDue: 40m, paid: 40m)];
        var built = ProfileBuilder.Build("c1", txs, statements);
        var updated = txs.AsEnumerable().Reverse().Aggregate(ProfileUpdater.Apply(ProfileUpdater.Empty("c1"), statements[0]), ProfileUpdater.Apply);

        Assert.Equal(FeatureEngine.Compute(built, 2_000m, At(Day(100))), FeatureEngine.Compute(updated, 2_000m, At(Day(100))));
    }

    [Fact]
    public void Compute_AfterWarmUp_DoesNotAllocate()
    {
        var profile = ProfileBuilder.Build(
            "c1",
            [Purchase(Day(41), 1_000m, "5411"), Cash(Day(60), 500m), Purchase(Day(80), 300m, "5812"), Payment(Day(90), 50m)],
            MinimumDueHistory());
        Span<double?> features = stackalloc double?[FeatureIndex.Count];
        FeatureEngine.Compute(profile, 10_000m, At(Day(100)), features);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            FeatureEngine.Compute(profile, 10_000m, At(Day(100)), features);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Compute_DestinationTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => FeatureEngine.Compute(ProfileUpdater.Empty("c1"), 1m, At(Day(1)), new double?[3]));
    }

    [Fact]
    public void FeatureNames_Ordered_MatchesIndexConstants()
    {
        var indexes = typeof(FeatureIndex).GetFields().Where(f => f.Name != nameof(FeatureIndex.Count)).ToList();

        Assert.Equal(FeatureIndex.Count, FeatureNames.Ordered.Count);
        Assert.Equal(FeatureIndex.Count, indexes.Count);
        Assert.Equal(FeatureIndex.Count, FeatureNames.Ordered.Distinct().Count());
        foreach (var index in indexes)
        {
            var name = (string)typeof(FeatureNames).GetField(index.Name)!.GetValue(null)!;
            Assert.Equal(name, FeatureNames.Ordered[(int)index.GetValue(null)!]);
        }
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);

    private static double?[] Features(List<Transaction> transactions, List<Statement> statements, decimal? limit, DateOnly asOf) =>
        FeatureEngine.Compute(ProfileBuilder.Build("c1", transactions, statements), limit, At(asOf));
}
