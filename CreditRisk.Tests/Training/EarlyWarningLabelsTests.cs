using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Simulation;

namespace CreditRisk.Tests.Training;

public sealed class EarlyWarningLabelsTests(SmallPortfolioFixture portfolio) : IClassFixture<SmallPortfolioFixture>
{
    [Fact]
    public void Relabel_SimulatedPortfolio_EveryRowMatchesTheRuleWithTheLead()
    {
        var history = SimulatedTrainingData.ToHistory(portfolio.Customers, "test");

        var relabeled = EarlyWarningLabels.Relabel(history);

        Assert.NotNull(relabeled);
        Assert.Contains("early-warning labels", relabeled.Source, StringComparison.Ordinal);
        foreach (var customer in relabeled.Customers.Values)
        {
            var first = StoreLabelRule.FirstDelinquency(customer.Statements);
            foreach (var row in customer.Labels)
            {
                var days = first is { } d ? d.DayNumber - row.AsOf.DayNumber : int.MaxValue;
                Assert.True(days > EarlyWarningLabels.LeadDays, $"{customer.Id} {row.AsOf}: delinquency {days} days later is too close to warn about");
                Assert.Equal(days <= EarlyWarningLabels.LeadDays + EarlyWarningLabels.WindowDays, row.Label);
            }
        }
    }

    [Fact]
    public void Relabel_TooFewRows_Null()
    {
        var history = SimulatedTrainingData.ToHistory(portfolio.Customers.Take(5), "test");

        Assert.Null(EarlyWarningLabels.Relabel(history));
    }
}
