using CreditRisk.Core.Simulation;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Tests.Simulation;

/// <summary>
/// The portfolio must be realistic and hard: about 6–12% reach 30+ DPD over 12 months, and behavioural signals
/// separate future delinquents from the rest only partly (see docs/simulation.md).
/// </summary>
public sealed class PortfolioCalibrationTests(CalibrationPortfolioFixture portfolio) : IClassFixture<CalibrationPortfolioFixture>
{
    [Fact]
    public void Generate_2000CustomersOver12Months_DelinquencyRateWithinTheDesignedRange()
    {
        var rate = portfolio.Customers.Count(c => c.FirstDelinquencyDate is not null) / (double)portfolio.Customers.Count;

        Assert.InRange(rate, 0.06, 0.12);
    }

    [Fact]
    public void Generate_2000Customers_PositiveLabelShareIsSmallButUsable()
    {
        var labels = portfolio.Customers.SelectMany(c => c.Labels).ToList();
        var share = labels.Count(l => l.BecameDelinquent) / (double)labels.Count;

        Assert.InRange(share, 0.01, 0.08);
    }

    [Fact]
    public void CashShare_FutureDelinquents_HigherOnAverageButDistributionsOverlap()
    {
        var (positives, negatives) = Signal(CashShare);

        Assert.True(positives.Average() > negatives.Average() * 1.2, $"mean cash share {positives.Average():P1} vs {negatives.Average():P1}");
        AssertPresentButImperfect(Auc(positives, negatives));
        // Many future delinquents take no cash at all, and some healthy customers take a lot.
        Assert.True(positives.Count(x => x == 0) > positives.Count / 5);
        Assert.True(negatives.Count(x => x > positives.Average()) > negatives.Count / 20);
    }

    [Fact]
    public void Utilisation_FutureDelinquents_HigherOnAverageButDistributionsOverlap()
    {
        var (positives, negatives) = Signal(LastUtilisation);

        Assert.True(positives.Average() > negatives.Average());
        AssertPresentButImperfect(Auc(positives, negatives));
    }

    [Fact]
    public void Spend_FutureDelinquents_DropMoreOnAverageButDistributionsOverlap()
    {
        var (positives, negatives) = Signal(SpendChange);

        Assert.True(positives.Average() < negatives.Average());
        AssertPresentButImperfect(Auc(negatives, positives));
    }

    [Fact]
    public void MinimumDueOnly_FutureDelinquents_MoreFrequentButDistributionsOverlap()
    {
        var (positives, negatives) = Signal(MinimumOnlyPayments);

        Assert.True(positives.Average() > negatives.Average());
        AssertPresentButImperfect(Auc(positives, negatives));
    }

    [Fact]
    public void Statements_CustomersNotYetDelinquent_FewAbove90PctUtilisation()
    {
        // Real card portfolios have roughly 5–10% of accounts above 90% utilisation; the expert rule flags every one
        // of them High, so a simulator with far more would drown the model's band in rule hits.
        var share = HealthyStatementShare((_, statement) => statement.Balance > 0.9m * statement.CreditLimit);

        Assert.InRange(share, 0.02, 0.09);
    }

    [Fact]
    public void Statements_CustomersNotYetDelinquent_FewTakeOver40PctOfSpendInCash()
    {
        // Cash-heavy card use is a few per cent of accounts; the brief's cash rule (> 40% of 30-day spend) is High.
        var share = HealthyStatementShare((customer, statement) => CashShareOfSpend(customer, statement.StatementDate) > 0.4);

        Assert.InRange(share, 0.01, 0.07);
    }

    private static void AssertPresentButImperfect(double auc) => Assert.InRange(auc, 0.55, 0.85);

    /// <summary>One value per labelled row, split by label; features use only data before <c>as_of</c>.</summary>
    private (List<double> Positives, List<double> Negatives) Signal(Func<SimulatedCustomer, DateOnly, double> feature)
    {
        var positives = new List<double>();
        var negatives = new List<double>();
        foreach (var customer in portfolio.Customers)
        {
            foreach (var label in customer.Labels)
            {
                (label.BecameDelinquent ? positives : negatives).Add(feature(customer, label.AsOf));
            }
        }

        return (positives, negatives);
    }

    /// <summary>Share of in-period statements, up to each customer's first 30+ DPD date, for which the test holds.</summary>
    private double HealthyStatementShare(Func<SimulatedCustomer, Statement, bool> test)
    {
        var count = 0;
        var hits = 0;
        foreach (var customer in portfolio.Customers)
        {
            foreach (var statement in customer.Statements.Skip(1))
            {
                if (customer.FirstDelinquencyDate is { } first && first <= statement.StatementDate)
                {
                    break;
                }

                count++;
                hits += test(customer, statement) ? 1 : 0;
            }
        }

        return (double)hits / count;
    }

    /// <summary>Cash withdrawals ÷ (purchases + cash) over the 30 UTC days ending on <paramref name="day"/>, as the feature engine defines it.</summary>
    private static double CashShareOfSpend(SimulatedCustomer customer, DateOnly day)
    {
        var window = Window(customer, day.AddDays(1), 30).ToList();
        var cash = window.Where(t => t.Type == TransactionType.CashWithdrawal).Sum(t => t.Amount);
        var spend = cash + window.Where(t => t.Type == TransactionType.Purchase).Sum(t => t.Amount);
        return spend == 0 ? 0 : (double)(cash / spend);
    }

    private static double CashShare(SimulatedCustomer customer, DateOnly asOf)
    {
        var window = Window(customer, asOf, 90).ToList();
        var cash = window.Where(t => t.Type == TransactionType.CashWithdrawal).Sum(t => t.Amount);
        var spend = window.Where(t => t.Type == TransactionType.Purchase).Sum(t => t.Amount);
        return cash + spend == 0 ? 0 : (double)(cash / (cash + spend));
    }

    private static double LastUtilisation(SimulatedCustomer customer, DateOnly asOf)
    {
        var statement = customer.Statements.Last(s => s.StatementDate < asOf);
        return (double)(statement.Balance / statement.CreditLimit);
    }

    private static double SpendChange(SimulatedCustomer customer, DateOnly asOf)
    {
        var recent = Window(customer, asOf, 30).Where(t => t.Type == TransactionType.Purchase).Sum(t => t.Amount);
        var earlier = Window(customer, asOf.AddDays(-30), 60).Where(t => t.Type == TransactionType.Purchase).Sum(t => t.Amount) / 2;
        return earlier == 0 ? 0 : (double)((recent - earlier) / earlier);
    }

    private static double MinimumOnlyPayments(SimulatedCustomer customer, DateOnly asOf) =>
        customer.Statements
            .Where(s => s.StatementDate < asOf && s.DueDate < asOf)
            .TakeLast(3)
            .Count(s => s.MinimumDue > 0 && s.AmountPaid == s.MinimumDue && s.AmountPaid < s.Balance);

    private static IEnumerable<Transaction> Window(SimulatedCustomer customer, DateOnly before, int days)
    {
        var end = new DateTimeOffset(before.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var start = end.AddDays(-days);
        return customer.Transactions.Where(t => t.Timestamp >= start && t.Timestamp < end);
    }

    /// <summary>Probability that a random positive scores above a random negative (ties count half).</summary>
    private static double Auc(List<double> positives, List<double> negatives)
    {
        var sortedNegatives = negatives.Order().ToArray();
        double wins = 0;
        foreach (var p in positives)
        {
            var below = LowerBound(sortedNegatives, p);
            var notAbove = UpperBound(sortedNegatives, p);
            wins += below + (notAbove - below) / 2.0;
        }

        return wins / ((double)positives.Count * negatives.Count);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
