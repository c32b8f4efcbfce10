using CreditRisk.Core.Simulation;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Simulation;

/// <summary>
/// The healthy look-alikes of a real book (docs/simulation.md, "Healthy segments"): each appears at its documented
/// share, behaves as described, never reaches 30+ DPD and is never labelled bad.
/// </summary>
public sealed class HealthySegmentsTests(CalibrationPortfolioFixture portfolio) : IClassFixture<CalibrationPortfolioFixture>
{
    [Theory]
    [InlineData(nameof(BookSegment.FullLimitTransactor), 0.04, 0.085)]
    [InlineData(nameof(BookSegment.CardSwitcher), 0.03, 0.065)]
    [InlineData(nameof(BookSegment.CashUser), 0.01, 0.03)]
    public void Segments_2000Customers_EachAppearsAtItsDocumentedShare(string segment, double min, double max)
    {
        var share = Profiles().Count(p => p.Segment.ToString() == segment) / (double)portfolio.Customers.Count;

        Assert.InRange(share, min, max);
    }

    [Fact]
    public void Segments_EveryMember_HasNoStressOrShockAndIsNeverDelinquentOrLabelledBad()
    {
        foreach (var (profile, customer) in Members(p => p.Segment != BookSegment.Ordinary))
        {
            Assert.Null(profile.Stress);
            Assert.Null(profile.ShockDay);
            Assert.Null(customer.FirstDelinquencyDate);
            Assert.All(customer.Statements, s => Assert.InRange(s.DaysPastDue, 0, 29));
            Assert.DoesNotContain(customer.Labels, l => l.BecameDelinquent);
        }
    }

    [Fact]
    public void FullLimitTransactors_EveryStatement_PaidInFullByTheDueDateAndNeverPastDue()
    {
        foreach (var (_, customer) in Members(p => p.Segment == BookSegment.FullLimitTransactor))
        {
            // The last statement's due date falls after the period, so its payment is not in the data.
            foreach (var statement in customer.Statements.SkipLast(1).Where(s => s.Balance > 0))
            {
                Assert.True(statement.AmountPaid >= statement.Balance, $"{customer.Customer.Id} {statement.StatementDate}: paid {statement.AmountPaid} of {statement.Balance}");
                Assert.True(statement.PaidOn <= statement.DueDate, $"{customer.Customer.Id} {statement.StatementDate}: paid late");
            }

            Assert.All(customer.Statements, s => Assert.Equal(0, s.DaysPastDue));
        }
    }

    [Fact]
    public void FullLimitTransactors_MidCycle_BalanceRunsTo85PctOfTheLimit()
    {
        var members = Members(p => p.Segment == BookSegment.FullLimitTransactor).ToList();

        var peaks = members.Select(m => PeakUtilisation(m.Customer)).ToList();

        // Each gets there in most months; over a year nearly every one passes 85% (one with a long quiet spell may not).
        Assert.True(peaks.Count(peak => peak >= 0.85) >= peaks.Count * 0.95, string.Join(", ", peaks.Select(p => p.ToString("P0"))));
        Assert.All(peaks, peak => Assert.True(peak >= 0.7, $"peak utilisation {peak:P0}"));
        // Mid-cycle, not at the statement: the balance carried at statement dates stays well below the peak on average.
        var statementUtilisation = members.SelectMany(m => m.Customer.Statements.Skip(1)).Average(s => (double)(s.Balance / s.CreditLimit));
        Assert.True(statementUtilisation < peaks.Average() - 0.05, $"statements {statementUtilisation:P0}, peaks {peaks.Average():P0}");
    }

    [Fact]
    public void CardSwitchers_AfterTheSwitch_SpendFallsForGood()
    {
        var windows = Members(p => p.Segment == BookSegment.CardSwitcher)
            .Select(m => (m.Customer, Day: SimulationTestData.EndDate.AddMonths(-12).AddDays(m.Profile.Switch!.Day)))
            .Where(m => m.Day.AddDays(-60) >= SimulationTestData.EndDate.AddMonths(-12) && m.Day.AddDays(60) <= SimulationTestData.EndDate)
            .Select(m => (Before: Spend(m.Customer, m.Day.AddDays(-60), m.Day), After: Spend(m.Customer, m.Day, m.Day.AddDays(60))))
            .ToList();

        Assert.True(windows.Count >= 20, $"only {windows.Count} switchers with 60 days either side");
        var before = windows.Sum(w => w.Before);
        var after = windows.Sum(w => w.After);
        Assert.True(after < before * 0.35m, $"60 days after the switch {after:N0} vs before {before:N0}");
        // Per customer too, allowing for the odd one who was already at the limit (spend held back by declines) or kept big bills.
        Assert.True(windows.Count(w => w.After < w.Before / 2) >= windows.Count * 0.75, "most switchers' spend did not halve");
    }

    [Fact]
    public void CashUsers_OverThePeriod_CashIsAQuarterOrMoreOfWhatGoesOnTheCard()
    {
        var shares = Members(p => p.Segment == BookSegment.CashUser)
            .Select(m => CashShare(m.Customer))
            .ToList();

        Assert.NotEmpty(shares);
        Assert.True(shares.Count(s => s >= 0.2) >= shares.Count * 0.8, string.Join(", ", shares.Select(s => s.ToString("P0"))));
        Assert.InRange(shares.Average(), 0.25, 0.55);
    }

    [Fact]
    public void OccasionalLatePayers_HealthyCustomers_SomeCyclesOneTo29DaysPastDueThenCatchUp()
    {
        // The forgetful habit (an existing trait, not a segment): healthy customers now and then miss a due date and
        // pay with the next cycle; they show 1–29 DPD on a statement and are current again on the next one.
        var healthy = Members(p => p.Stress is null && p.ShockDay is null).ToList();

        var late = healthy.Where(m => m.Customer.Statements.Any(s => s.DaysPastDue is > 0 and < 30)).ToList();

        Assert.InRange(late.Count / (double)healthy.Count, 0.2, 0.6);
        foreach (var (_, customer) in late)
        {
            Assert.Null(customer.FirstDelinquencyDate);
            Assert.DoesNotContain(customer.Labels, l => l.BecameDelinquent);
            var statements = customer.Statements;
            for (var k = 0; k < statements.Count - 1; k++)
            {
                if (statements[k].DaysPastDue > 0)
                {
                    Assert.True(statements[k + 1].DaysPastDue == 0, $"{customer.Customer.Id} {statements[k + 1].StatementDate}: still past due");
                }
            }
        }
    }

    [Fact]
    public void Segments_SameSeed_SameMembersAndSameData_OtherSeed_OtherMembers()
    {
        var options = SimulationTestData.Options(300, months: 8, seed: 7);
        var period = SimulationPeriod.Create(SimulationTestData.EndDate, 8);
        var first = SimulationTestData.Generate(options);
        var second = SimulationTestData.Generate(options);

        var segments = Enumerable.Range(0, 300).Select(i => CustomerProfileFactory.Create(i, 7, period).Segment).ToList();
        var again = Enumerable.Range(0, 300).Select(i => CustomerProfileFactory.Create(i, 7, period).Segment).ToList();
        var otherSeed = Enumerable.Range(0, 300).Select(i => CustomerProfileFactory.Create(i, 8, period).Segment).ToList();

        Assert.Equal(segments, again);
        Assert.NotEqual(segments, otherSeed);
        Assert.Contains(segments, s => s != BookSegment.Ordinary);
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(first[i].Transactions, second[i].Transactions);
            Assert.Equal(first[i].Statements, second[i].Statements);
        }
    }

    private IEnumerable<CustomerProfile> Profiles()
    {
        var period = SimulationPeriod.Create(SimulationTestData.EndDate, portfolio.Options.Months);
        return Enumerable.Range(0, portfolio.Customers.Count).Select(i => CustomerProfileFactory.Create(i, portfolio.Options.Seed, period));
    }

    private IEnumerable<(CustomerProfile Profile, SimulatedCustomer Customer)> Members(Func<CustomerProfile, bool> selector) =>
        Profiles().Zip(portfolio.Customers).Where(pair => selector(pair.First));

    /// <summary>Highest balance ÷ limit at any moment, replaying the transactions from the opening statement.</summary>
    private static double PeakUtilisation(SimulatedCustomer customer)
    {
        var balance = customer.Statements[0].Balance;
        var peak = balance;
        foreach (var t in customer.Transactions)
        {
            balance += t.Type is TransactionType.Payment or TransactionType.Refund ? -t.Amount : t.Amount;
            peak = Math.Max(peak, balance);
        }

        return (double)(peak / customer.Customer.CreditLimit);
    }

    private static decimal Spend(SimulatedCustomer customer, DateOnly from, DateOnly until) =>
        customer.Transactions
            .Where(t => t.Type is TransactionType.Purchase or TransactionType.CashWithdrawal)
            .Where(t => DateOnly.FromDateTime(t.Timestamp.UtcDateTime) is var day && day >= from && day < until)
            .Sum(t => t.Amount);

    private static double CashShare(SimulatedCustomer customer)
    {
        var cash = customer.Transactions.Where(t => t.Type == TransactionType.CashWithdrawal).Sum(t => t.Amount);
        var purchases = customer.Transactions.Where(t => t.Type == TransactionType.Purchase).Sum(t => t.Amount);
        return cash + purchases == 0 ? 0 : (double)(cash / (cash + purchases));
    }
}
