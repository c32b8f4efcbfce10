using CreditRisk.Core.Rules;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Web.Components.Pages.Admin.Customers;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class RiskGridFilterTests
{
    [Fact]
    public void ToQuery_Default_HighBandByScoreDescending()
    {
        var query = new RiskGridFilter().ToQuery(null, descending: true, skip: 50, take: 25);

        Assert.Equal(new CurrentRiskQuery { Band = RiskBand.High, Skip = 50, Take = 25, Sort = CurrentRiskSort.ScoreDescending }, query);
    }

    [Theory]
    [InlineData("AssessedAt", false, CurrentRiskSort.AssessedAtAscending)]
    [InlineData("CustomerId", true, CurrentRiskSort.CustomerIdDescending)]
    [InlineData("Score", false, CurrentRiskSort.ScoreAscending)]
    public void ToQuery_SortColumn_MapsToTheStoreSort(string column, bool descending, CurrentRiskSort expected) =>
        Assert.Equal(expected, new RiskGridFilter().ToQuery(column, descending, 0, 25).Sort);

    [Fact]
    public void ToQuery_Filters_PassedThrough()
    {
        var filter = new RiskGridFilter { Band = null, MinScore = 0.7, RuleId = RuleIds.CashWithdrawalHigh, AlertStatus = AlertStatus.Pending };

        var query = filter.ToQuery(null, true, 0, 10);

        Assert.Null(query.Band);
        Assert.Equal(0.7, query.MinScore);
        Assert.Equal(RuleIds.CashWithdrawalHigh, query.RuleId);
        Assert.Equal(AlertStatus.Pending, query.AlertStatus);
    }
}
