using CreditRisk.Core.Features;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using static CreditRisk.Tests.Builders.TestData;

namespace CreditRisk.Tests.Features;

public sealed class StatementHistoryFeaturesTests
{
    private const int Precision = 6;

    // Six monthly statements, limit 10,000: utilisation 10, 20, … 60%; the latest (day 150) is 30 days past due and
    // not yet due as of day 160, so the payment features read the five before it.
    private static List<Statement> SixStatements() =>
    [
        Stmt(Day(0), balance: 1_000m, paid: 1_000m),
        Stmt(Day(30), balance: 2_000m, paid: 0m),
        Stmt(Day(60), balance: 3_000m, paid: 1_500m),
        Stmt(Day(90), balance: 4_000m, paid: 1_000m),
        Stmt(Day(120), balance: 5_000m, paid: 500m, dpd: 0),
        Stmt(Day(150), balance: 6_000m, paid: 9_999m, dpd: 30),
    ];

    [Fact]
    public void Compute_SixStatements_ShapeOfTheCycles()
    {
        var f = Features([], SixStatements(), limit: 10_000m, asOf: Day(160));

        Assert.Equal(10_000d, f[FeatureIndex.CreditLimit]);
        Assert.Equal(30d, f[FeatureIndex.DpdLatest]);
        Assert.Equal(35d, f[FeatureIndex.UtilisationMean6c]!.Value, Precision);
        Assert.Equal(60d, f[FeatureIndex.UtilisationMax6c]!.Value, Precision);
        Assert.Equal(25d, f[FeatureIndex.UtilisationVsMean6c]!.Value, Precision); // today's 60% against the mean
        Assert.Equal(10d, f[FeatureIndex.BillTrend6c]!.Value, Precision);
        Assert.Equal(Math.Sqrt(875d / 3), f[FeatureIndex.BillVolatility6c]!.Value, Precision);
        Assert.Equal((1 + 0 + 0.5 + 0.25 + 0.1) / 5, f[FeatureIndex.PaymentRatioMean6c]!.Value, Precision);
        Assert.Equal(1d, f[FeatureIndex.UnpaidCycles6c]);
        Assert.Equal(5d, f[FeatureIndex.PaymentToLimitPct]!.Value, Precision); // 500 paid on day 120's statement
    }

    [Fact]
    public void Compute_LatestStatementPastItsDueDate_ItsPaymentCounts()
    {
        var f = Features([], SixStatements(), limit: 10_000m, asOf: Day(175));

        Assert.Equal((1 + 0 + 0.5 + 0.25 + 0.1 + 1) / 6, f[FeatureIndex.PaymentRatioMean6c]!.Value, Precision);
        Assert.Equal(9_999d / 10_000 * 100, f[FeatureIndex.PaymentToLimitPct]!.Value, Precision);
    }

    [Fact]
    public void Compute_TwoStatements_NoTrendOrVolatility()
    {
        var f = Features([], SixStatements()[4..], limit: 10_000m, asOf: Day(160));

        Assert.Equal(55d, f[FeatureIndex.UtilisationMean6c]!.Value, Precision);
        Assert.Null(f[FeatureIndex.BillTrend6c]);
        Assert.Null(f[FeatureIndex.BillVolatility6c]);
    }

    [Fact]
    public void Compute_StatementsOlderThanSixMonths_Missing()
    {
        var f = Features([Purchase(Day(400), 100m)], SixStatements(), limit: 10_000m, asOf: Day(400));

        Assert.Null(f[FeatureIndex.DpdLatest]);
        Assert.Null(f[FeatureIndex.UtilisationMean6c]);
        Assert.Null(f[FeatureIndex.UtilisationMax6c]);
        Assert.Null(f[FeatureIndex.UtilisationVsMean6c]);
        Assert.Null(f[FeatureIndex.PaymentRatioMean6c]);
        Assert.Null(f[FeatureIndex.UnpaidCycles6c]);
        Assert.Null(f[FeatureIndex.PaymentToLimitPct]);
    }

    [Fact]
    public void Compute_TransactionsOnly_StatementFeaturesMissing()
    {
        var f = Features([Purchase(Day(10), 500m), Payment(Day(40), 200m)], [], limit: 2_000m, asOf: Day(50));

        Assert.Equal(2_000d, f[FeatureIndex.CreditLimit]);
        for (var i = FeatureIndex.DpdLatest; i <= FeatureIndex.PaymentToLimitPct; i++)
        {
            Assert.Null(f[i]);
        }
    }

    [Fact]
    public void Compute_IncrementalInAnyOrder_EqualsFromHistory()
    {
        List<Transaction> transactions = [Purchase(Day(5), 700m), Payment(Day(35), 300m), Purchase(Day(140), 2_500m)];
        var statements = SixStatements();
        var built = FeatureEngine.Compute(ProfileBuilder.Build("c1", transactions, statements), 10_000m, At(Day(160)));

        var profile = ProfileUpdater.Empty("c1");
        foreach (var statement in Enumerable.Reverse(statements))
        {
            profile = ProfileUpdater.Apply(profile, statement);
        }

        foreach (var transaction in Enumerable.Reverse(transactions))
        {
            profile = ProfileUpdater.Apply(profile, transaction);
        }

        Assert.Equal(built, FeatureEngine.Compute(profile, 10_000m, At(Day(160))));
        Assert.NotNull(built[FeatureIndex.BillTrend6c]);
        Assert.NotNull(built[FeatureIndex.BalanceAmount]);
        Assert.NotNull(built[FeatureIndex.PaymentAmount30d]);
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);

    private static double?[] Features(List<Transaction> transactions, List<Statement> statements, decimal? limit, DateOnly asOf) =>
        FeatureEngine.Compute(ProfileBuilder.Build("c1", transactions, statements), limit, At(asOf));
}
