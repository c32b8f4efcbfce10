using CreditRisk.Core.Simulation;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Simulation;

namespace CreditRisk.Tests.Training;

public sealed class StoreLabelRuleTests(SmallPortfolioFixture portfolio) : IClassFixture<SmallPortfolioFixture>
{
    private const int Window = 90;
    private const int Prior = 3;
    private static readonly DateOnly Today = new(2027, 1, 1);

    /// <summary>Month-end statements from Jan 2025; <paramref name="dpd"/> maps a month (1 = Jan 2025) to its days past due.</summary>
    private static List<Statement> Monthly(Func<int, int>? dpd = null, int months = 12) =>
        [.. Enumerable.Range(1, months).Select(m => TestData.Stmt(MonthEnd(m), 1_000m, dpd: dpd?.Invoke(m) ?? 0))];

    private static DateOnly MonthEnd(int month) => new DateOnly(2025, 1, 1).AddMonths(month).AddDays(-1);

    [Fact]
    public void FirstDelinquency_StatementReporting45Dpd_IsFifteenDaysBeforeIt()
    {
        var statements = Monthly(m => m switch { 6 => 15, 7 => 45, 8 => 75, _ => 0 });

        Assert.Equal(MonthEnd(7).AddDays(-15), StoreLabelRule.FirstDelinquency(statements));
    }

    [Fact]
    public void FirstDelinquency_NeverThirtyDaysPastDue_IsNull()
    {
        Assert.Null(StoreLabelRule.FirstDelinquency(Monthly(m => m == 5 ? 29 : 0)));
    }

    [Fact]
    public void Observe_ThirtyDpdWithinTheWindowAfterAsOf_LabelsBad()
    {
        // 30+ DPD first reported on the 31 Jul statement (DPD 30): delinquent on 31 Jul.
        var statements = Monthly(m => m >= 7 ? 30 * (m - 6) : 0);

        var rows = StoreLabelRule.Observe(statements, Window, Prior, Today);

        // as_of 30 Apr: 31 Jul is 92 days later, beyond the window → good; 31 May and 30 Jun: within → bad.
        Assert.Equal(
            [new(MonthEnd(4), false), new(MonthEnd(5), true), new(MonthEnd(6), true)],
            rows);
    }

    [Fact]
    public void Observe_DelinquentOnlyBeyondTheWindow_LabelsGood()
    {
        // First 30+ DPD on 31 Dec 2025; statements run to Feb 2026, so windows up to 30 Nov are observed.
        var statements = Monthly(m => m == 12 ? 30 : m > 12 ? 60 : 0, months: 14);

        var rows = StoreLabelRule.Observe(statements, Window, Prior, Today);

        Assert.Equal(MonthEnd(11), rows[^1].AsOf);
        Assert.False(Assert.Single(rows, r => r.AsOf == MonthEnd(9)).Bad); // 30 Sep + 90 days = 29 Dec: two days short
        Assert.True(Assert.Single(rows, r => r.AsOf == MonthEnd(10)).Bad);
        Assert.All(rows.Where(r => r.AsOf <= MonthEnd(9)), r => Assert.False(r.Bad));
    }

    [Fact]
    public void Observe_WindowNotFullyObserved_ExcludesTheRow()
    {
        var statements = Monthly(); // last statement 31 Dec 2025

        var rows = StoreLabelRule.Observe(statements, Window, Prior, Today);

        // 30 Sep + 90 days = 29 Dec ≤ 31 Dec is observed; 31 Oct + 90 days = 29 Jan is not.
        Assert.Equal(MonthEnd(9), rows[^1].AsOf);
        Assert.DoesNotContain(rows, r => r.AsOf > MonthEnd(9));
    }

    [Fact]
    public void Observe_StatementsDatedAfterToday_DoNotCountAsObserved()
    {
        var statements = Monthly();

        var rows = StoreLabelRule.Observe(statements, Window, Prior, today: MonthEnd(10));

        Assert.Equal(MonthEnd(7), rows[^1].AsOf); // 31 Jul + 90 = 29 Oct ≤ 31 Oct; 31 Aug + 90 = 29 Nov is not
    }

    [Fact]
    public void Observe_FewerPriorStatementsThanRequired_StartsAtTheFourthStatement()
    {
        var rows = StoreLabelRule.Observe(Monthly(), Window, Prior, Today);

        Assert.Equal(MonthEnd(4), rows[0].AsOf);
        Assert.Empty(StoreLabelRule.Observe(Monthly(months: 3), Window, Prior, Today));
    }

    [Fact]
    public void Observe_AlreadyDelinquentAtAsOf_StopsObserving()
    {
        var statements = Monthly(m => m >= 5 ? 30 * (m - 4) : 0); // delinquent from 31 May

        var rows = StoreLabelRule.Observe(statements, Window, Prior, Today);

        Assert.Equal([new(MonthEnd(4), true)], rows);
    }

    [Fact]
    public void Observe_SimulatedPortfolio_ReproducesTheSimulatorsLabels()
    {
        var today = DateOnly.FromDateTime(DateTime.UnixEpoch).AddYears(100);
        var compared = 0;
        foreach (var customer in portfolio.Customers)
        {
            var expected = customer.Labels.Select(l => new StoreObservation(l.AsOf, l.BecameDelinquent)).ToList();

            var actual = StoreLabelRule.Observe(customer.Statements.ToList(), portfolio.Options.OutcomeWindowDays, portfolio.Options.FirstObservationCycle, today);

            Assert.Equal(customer.FirstDelinquencyDate, StoreLabelRule.FirstDelinquency(customer.Statements));
            Assert.Equal(expected, actual);
            compared += expected.Count;
        }

        Assert.Equal(LabelPolicy.EveryStatement, portfolio.Options.LabelPolicy);
        Assert.True(portfolio.Customers.Sum(c => c.Labels.Count(l => l.BecameDelinquent)) > 10);
        Assert.True(compared > 1_000);
    }

    [Fact]
    public void Observe_WithALead_ImminentDelinquencyLeftOutAndTheWindowShifted()
    {
        // First 30+ DPD on 15 Jul (the 31 Jul statement reports 46 days).
        var statements = Monthly(m => m == 7 ? 46 : m > 7 ? 76 : 0);

        var rows = StoreLabelRule.Observe(statements, outcomeWindowDays: 120, Prior, Today, leadDays: 30);

        // 30 Apr and 31 May: 15 Jul is 31–150 days ahead → bad; 30 Jun: only 15 days ahead, too close to warn → left out.
        Assert.Equal([new(MonthEnd(4), true), new(MonthEnd(5), true)], rows);
    }
}
