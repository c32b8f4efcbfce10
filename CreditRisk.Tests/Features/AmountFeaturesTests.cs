using CreditRisk.Core.Features;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using static CreditRisk.Tests.Builders.TestData;

namespace CreditRisk.Tests.Features;

/// <summary><c>balance_amount</c> and <c>payment_amount_30d</c>: what is owed and what came in, in money, not ratios.</summary>
public sealed class AmountFeaturesTests
{
    [Fact]
    public void Compute_StatementsOnly_LatestBalanceAndItsPayment()
    {
        var f = Features([], [Stmt(Day(0), balance: 1_000m, paid: 400m), Stmt(Day(30), balance: 2_500m, paid: 700m)], asOf: Day(40));

        Assert.Equal(2_500d, f[FeatureIndex.BalanceAmount]);
        Assert.Equal(700d, f[FeatureIndex.PaymentAmount30d]);
    }

    [Fact]
    public void Compute_LatestStatementNotFresh_PaymentMissingBalanceKept()
    {
        var f = Features([], [Stmt(Day(0), balance: 1_000m, paid: 400m)], asOf: Day(FeatureEngine.StatementFreshDays + 1));

        Assert.Equal(1_000d, f[FeatureIndex.BalanceAmount]);
        Assert.Null(f[FeatureIndex.PaymentAmount30d]);
    }

    [Fact]
    public void Compute_Transactions_PaymentsOfTheLast30DaysAndTheRunningBalance()
    {
        // Days 31–60 are the latest 30 days as of day 60: the payments on days 35 and 50 count, the one on day 20 not.
        var f = Features(
            [Purchase(Day(5), 900m), Payment(Day(20), 100m), Payment(Day(35), 300m), Payment(Day(50), 200m)], [], asOf: Day(60));

        Assert.Equal(500d, f[FeatureIndex.PaymentAmount30d]);
        Assert.Equal(300d, f[FeatureIndex.BalanceAmount]);
    }

    [Fact]
    public void Compute_TransactionsWithoutPaymentInTheWindow_ZeroNotMissing()
    {
        var f = Features([Purchase(Day(5), 900m), Purchase(Day(45), 100m)], [], asOf: Day(60));

        Assert.Equal(0d, f[FeatureIndex.PaymentAmount30d]);
    }

    [Fact]
    public void Compute_Overpaid_BalanceIsZero()
    {
        var f = Features([Purchase(Day(5), 100m), Payment(Day(10), 250m)], [], asOf: Day(20));

        Assert.Equal(0d, f[FeatureIndex.BalanceAmount]);
    }

    [Fact]
    public void Compute_NoHistory_BothMissing()
    {
        var f = Features([], [], asOf: Day(20));

        Assert.Null(f[FeatureIndex.BalanceAmount]);
        Assert.Null(f[FeatureIndex.PaymentAmount30d]);
    }

    private static double?[] Features(List<Transaction> transactions, List<Statement> statements, DateOnly asOf) =>
        FeatureEngine.Compute(
            ProfileBuilder.Build("c1", transactions, statements), 10_000m, new DateTimeOffset(asOf.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));
}
