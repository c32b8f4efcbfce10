using System.Text.RegularExpressions;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Simulation;

public sealed class PortfolioConsistencyTests(SmallPortfolioFixture portfolio) : IClassFixture<SmallPortfolioFixture>
{
    private static readonly DateOnly PeriodStart = new(2025, 3, 1);
    private static readonly DateOnly PeriodEnd = SimulationTestData.EndDate;

    [Fact]
    public void Generate_Statements_OpenTheDayBeforeThePeriodAndCloseEachMonth()
    {
        var expected = Enumerable.Range(0, 13).Select(j => PeriodStart.AddMonths(j).AddDays(-1)).ToList();

        Assert.All(portfolio.Customers, c => Assert.Equal(expected, c.Statements.Select(s => s.StatementDate).ToList()));
    }

    [Fact]
    public void Generate_EveryStatementBalance_IsPreviousBalancePlusTheCycleTransactions()
    {
        foreach (var customer in portfolio.Customers)
        {
            for (var k = 1; k < customer.Statements.Count; k++)
            {
                var previous = customer.Statements[k - 1];
                var current = customer.Statements[k];
                var movement = customer.Transactions
                    .Where(t => InWindow(t, previous.StatementDate, current.StatementDate))
                    .Sum(t => t.Type is TransactionType.Payment or TransactionType.Refund ? -t.Amount : t.Amount);

                Assert.Equal(previous.Balance + movement, current.Balance);
            }
        }
    }

    [Fact]
    public void Generate_AmountPaid_IsThePaymentsOfTheFollowingCycleAndPaidOnTheLastOfThem()
    {
        foreach (var customer in portfolio.Customers)
        {
            for (var k = 0; k < customer.Statements.Count; k++)
            {
                var statement = customer.Statements[k];
                var until = k + 1 < customer.Statements.Count ? customer.Statements[k + 1].StatementDate : PeriodEnd;
                var payments = customer.Transactions
                    .Where(t => t.Type == TransactionType.Payment && InWindow(t, statement.StatementDate, until))
                    .ToList();

                Assert.Equal(payments.Sum(t => t.Amount), statement.AmountPaid);
                Assert.Equal(payments.Count == 0 ? null : DateOnly.FromDateTime(payments[^1].Timestamp.UtcDateTime), statement.PaidOn);
            }
        }
    }

    [Fact]
    public void Generate_MinimumDueAndDueDate_FollowTheCardTerms()
    {
        foreach (var statement in portfolio.Customers.SelectMany(c => c.Statements))
        {
            Assert.Equal(statement.StatementDate.AddDays(20), statement.DueDate);
            Assert.NotNull(statement.MinimumDue);
            var minimumDue = statement.MinimumDue.Value;
            if (statement.Balance <= 0)
            {
                Assert.Equal(0m, minimumDue);
                continue;
            }

            var regular = Math.Min(statement.Balance, Math.Max(Math.Round(statement.Balance * 0.05m, 2, MidpointRounding.AwayFromZero), 200m));
            Assert.InRange(minimumDue, regular, statement.Balance);
            if (statement.DaysPastDue == 0)
            {
                Assert.Equal(regular, minimumDue); // nothing overdue to add on top
            }
        }
    }

    [Fact]
    public void Generate_DaysPastDue_AppearsOnlyAfterAShortPaymentAndCountsFromAnUnpaidDueDate()
    {
        foreach (var customer in portfolio.Customers)
        {
            Assert.Equal(0, customer.Statements[0].DaysPastDue);
            for (var k = 1; k < customer.Statements.Count; k++)
            {
                var previous = customer.Statements[k - 1];
                var current = customer.Statements[k];
                if (current.DaysPastDue == 0)
                {
                    continue;
                }

                Assert.True(previous.AmountPaid < previous.MinimumDue, $"{customer.Customer.Id} {current.StatementDate}: past due although the minimum was paid");
                var unpaidDueDate = current.StatementDate.AddDays(-current.DaysPastDue);
                Assert.Contains(unpaidDueDate, customer.Statements.Take(k).Select(s => s.DueDate!.Value));
            }
        }
    }

    [Fact]
    public void Generate_Transactions_BelongToTheCustomerLieInsideThePeriodAndAreOrdered()
    {
        var start = new DateTimeOffset(PeriodStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(PeriodEnd.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var ids = new HashSet<string>();
        foreach (var customer in portfolio.Customers)
        {
            DateTimeOffset? last = null;
            foreach (var transaction in customer.Transactions)
            {
                Assert.Equal(customer.Customer.Id, transaction.CustomerId);
                Assert.InRange(transaction.Timestamp, start, end.AddTicks(-1));
                Assert.True(transaction.Amount > 0, $"{transaction.Id} has a non-positive amount");
                Assert.True(last is null || transaction.Timestamp >= last, $"{transaction.Id} is out of order");
                Assert.True(ids.Add(transaction.Id), $"{transaction.Id} is not unique");
                last = transaction.Timestamp;
            }
        }
    }

    [Fact]
    public void Generate_MerchantFields_ArePresentExactlyForCardSpend()
    {
        var mcc = new Regex(@"^\d{4}$");
        string[] channels = ["pos", "ecommerce", "contactless", "atm"];
        foreach (var transaction in portfolio.Customers.SelectMany(c => c.Transactions))
        {
            switch (transaction.Type)
            {
                case TransactionType.Purchase or TransactionType.Refund:
                    Assert.Matches(mcc, transaction.MerchantCategory!);
                    Assert.NotNull(transaction.MerchantId);
                    Assert.Contains(transaction.Channel, channels[..3]);
                    break;
                case TransactionType.CashWithdrawal:
                    Assert.Equal("6011", transaction.MerchantCategory);
                    Assert.Equal("atm", transaction.Channel);
                    break;
                default:
                    Assert.Null(transaction.MerchantCategory);
                    Assert.Null(transaction.MerchantId);
                    Assert.Null(transaction.Channel);
                    break;
            }
        }
    }

    [Fact]
    public void Generate_DelinquencyDate_ComesFromTheFirstStatementWith30PlusDaysPastDue()
    {
        foreach (var customer in portfolio.Customers)
        {
            var first = customer.Statements.FirstOrDefault(s => s.DaysPastDue >= 30);
            var expected = first is null ? (DateOnly?)null : first.StatementDate.AddDays(30 - first.DaysPastDue);

            Assert.Equal(expected, customer.FirstDelinquencyDate);
        }

        Assert.Contains(portfolio.Customers, c => c.FirstDelinquencyDate is not null);
    }

    [Fact]
    public void Generate_Labels_FollowTheOutcomeWindowAndSkipCustomersAlreadyDelinquent()
    {
        var window = portfolio.Options.OutcomeWindowDays;
        var statementDates = portfolio.Customers[0].Statements.Select(s => s.StatementDate).ToList();
        var lastStatement = statementDates[^1];
        foreach (var customer in portfolio.Customers)
        {
            var first = customer.FirstDelinquencyDate;
            var expectedDates = statementDates
                .Skip(portfolio.Options.FirstObservationCycle)
                .Where(d => d.AddDays(window) <= lastStatement && (first is null || first > d))
                .ToList();

            Assert.Equal(expectedDates, customer.Labels.Select(l => l.AsOf).ToList());
            Assert.All(customer.Labels, label =>
            {
                Assert.Equal(customer.Customer.Id, label.CustomerId);
                Assert.Equal(first is { } f && f > label.AsOf && f <= label.AsOf.AddDays(window), label.BecameDelinquent);
            });
        }

        Assert.Contains(portfolio.Customers.SelectMany(c => c.Labels), l => l.BecameDelinquent);
    }

    [Fact]
    public void Generate_OnePerCustomerPolicy_PicksOneEligibleDateAndLeavesTheDataUntouched()
    {
        var options = SimulationTestData.Options(60);
        var panel = SimulationTestData.Generate(SimulationTestData.Options(60, policy: LabelPolicy.EveryStatement));
        var single = SimulationTestData.Generate(options);

        for (var i = 0; i < single.Count; i++)
        {
            Assert.Equal(panel[i].Transactions, single[i].Transactions);
            Assert.Equal(panel[i].Statements, single[i].Statements);
            Assert.True(single[i].Labels.Count <= 1);
            if (single[i].Labels is [var label])
            {
                Assert.Contains(label, panel[i].Labels);
            }
            else
            {
                Assert.Empty(panel[i].Labels);
            }
        }
    }

    [Fact]
    public void Generate_Customers_HaveUniqueIdsFictionalE164PhonesAndOpenedBeforeThePeriod()
    {
        var customers = portfolio.Customers.Select(c => c.Customer).ToList();
        var phone = new Regex(@"^\+1[2-9]\d{2}55501\d{2}$");

        Assert.Equal(customers.Count, customers.Select(c => c.Id).Distinct().Count());
        Assert.Equal(customers.Count, customers.Select(c => c.Phone).Distinct().Count());
        Assert.All(customers, c =>
        {
            Assert.Matches(phone, c.Phone);
            Assert.True(c.OpenedOn < PeriodStart);
            Assert.True(c.CreditLimit > 0);
            Assert.Equal(c.WhatsAppOptIn, c.WhatsAppOptInAt is not null);
        });
        var optedIn = customers.Count(c => c.WhatsAppOptIn) / (double)customers.Count;
        Assert.InRange(optedIn, 0.7, 0.95);
    }

    [Fact]
    public void Generate_HugePortfolio_YieldsCustomersLazilyOneAtATime()
    {
        var customers = SimulationTestData.Simulator().Generate(SimulationTestData.Options(int.MaxValue, months: 2)).Take(2).ToList();

        Assert.Equal(["C000001", "C000002"], customers.Select(c => c.Customer.Id));
    }

    [Fact]
    public void Generate_InvalidOptions_Throws()
    {
        var simulator = SimulationTestData.Simulator();

        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => simulator.Generate(SimulationTestData.Options(0)));
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => simulator.Generate(SimulationTestData.Options(10, months: 61)));
    }

    [Fact]
    public void ResolveEndDate_WithoutEndDate_IsTheFirstDayOfTheClocksMonth()
    {
        var options = SimulationTestData.Options(1);
        options.EndDate = null;

        Assert.Equal(new DateOnly(2026, 3, 1), SimulationTestData.Simulator().ResolveEndDate(options));
    }

    /// <summary>A statement window is (previous statement date, statement date] in UTC dates.</summary>
    private static bool InWindow(Transaction transaction, DateOnly after, DateOnly through)
    {
        var date = DateOnly.FromDateTime(transaction.Timestamp.UtcDateTime);
        return date > after && date <= through;
    }
}
