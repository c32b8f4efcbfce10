using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Rules;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Builders;
using CreditRisk.Web.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Portfolio;

/// <summary>
/// Every screen's days past due — the high-risk grid and its export, the drill-down, the customer's own page — comes
/// from one computation (<see cref="PastDueReader"/>, the rule's own) counted to one day, the latest assessment's data
/// day, so they read the same number as each other and as the past-due rule's reason, in the rule's wording.
/// </summary>
public sealed class DaysPastDueAgreementTests : IAsyncLifetime
{
    private CreditRiskWebFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = new CreditRiskWebFactory();
        await _app.Store.Customers.UpsertManyAsync([A.Customer("c-late", "+15550100077") with { FullName = "Lena Late" }]);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    // One missed minimum 35 days ago, the next statement not in yet: the rule counts under 30 (a single miss is not
    // delinquent until the next due date passes too), and so must the grid.
    [InlineData(1, 35)]
    // Two missed minimums in a row: days since the older due date on both.
    [InlineData(2, 45)]
    public async Task PastDueCustomer_GridColumnAndRuleReason_ReadTheSameDays(int missed, int daysSinceFirstDue)
    {
        var firstDue = await IngestMissedAsync(missed, daysSinceFirstDue);
        var hit = await RescoredPastDueHitAsync();

        var row = await GridRowAsync();
        var details = await _app.Services.GetRequiredService<CustomerDetailsService>().GetAsync("c-late");

        Assert.Equal(missed == 1 ? PastDueFact.DelinquentDays - 1 : daysSinceFirstDue, row.DaysPastDue);
        Assert.True(row.PastDue!.IsToday);
        Assert.Equal(row.DaysPastDue, details!.PastDue!.DaysPastDue);
        Assert.Contains($"is {row.DaysPastDue} days overdue (due {firstDue:d MMM yyyy})", details.PastDue.Fact!.Reason);
        Assert.StartsWith(missed == 1 ? "2,000.00 of the minimum due is " : "4,000.00 of the minimum due is ", details.PastDue.Fact.Reason);
        // The rule's own reason, written as of the assessment's data, is the very same sentence.
        Assert.Equal(hit.Reason, details.PastDue.Fact.Reason);
    }

    [Fact]
    public async Task DataADayOld_GridExportDrillDownAndCustomerPage_CountToTheAssessmentDayLikeTheRuleReason()
    {
        await IngestMissedAsync(2, 45);
        var hit = await RescoredPastDueHitAsync();
        var assessedDay = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);

        // A day passes without new data or a re-score: counting to today made the grid read 46 beside the rule's "45 days overdue".
        _app.Clock.Advance(TimeSpan.FromDays(1));

        var row = await GridRowAsync();
        var exported = await _app.Services.GetRequiredService<RiskGridService>()
            .StreamAsync(new CurrentRiskQuery(), null).SingleAsync(r => r.CustomerId == "c-late");
        var details = await _app.Services.GetRequiredService<CustomerDetailsService>().GetAsync("c-late");
        PastDuePosition? own;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            own = (await scope.ServiceProvider.GetRequiredService<CustomerDashboardService>().GetAsync("c-late"))!.PastDue;
        }

        Assert.Contains("is 45 days overdue", hit.Reason);
        foreach (var position in new[] { row.PastDue, exported.PastDue, details!.PastDue, own })
        {
            Assert.NotNull(position);
            Assert.Equal(45, position.DaysPastDue);
            Assert.Equal(assessedDay, position.AsOf);
            Assert.False(position.IsToday);
            Assert.Equal(hit.Reason, position.Fact!.Reason);
        }
    }

    private async Task<DateOnly> IngestMissedAsync(int missed, int daysSinceFirstDue)
    {
        var today = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);
        var firstDue = today.AddDays(-daysSinceFirstDue);
        var statements = Enumerable.Range(0, missed).Select(i => new StatementInput
        {
            CustomerId = "c-late", StatementDate = firstDue.AddMonths(i).AddDays(-20), CreditLimit = 50_000m, Balance = 40_000m,
            // Each minimum carries the unpaid ones before it, as card statements do.
            MinimumDue = 2_000m * (i + 1), DueDate = firstDue.AddMonths(i), AmountPaid = 0m, DaysPastDue = 0,
        }).Where(s => s.DueDate < today).ToList();
        Assert.Equal(missed, statements.Count);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IngestionService>().IngestStatementsAsync(statements)).Accepted);
        }

        await AssessedAsync();
        return firstDue;
    }

    /// <summary>Re-scores the customer as of now (what the nightly job does) and returns the past-due rule's hit.</summary>
    private async Task<Core.Risk.RuleHit> RescoredPastDueHitAsync()
    {
        var assessment = await _app.Services.GetRequiredService<Core.Risk.RiskPipeline>().RescoreAsync("c-late", _app.Clock.GetUtcNow());
        return Assert.Single(assessment.RuleHits, h => h.RuleId == RuleIds.PastDue);
    }

    private async Task<RiskGridRow> GridRowAsync()
    {
        var grid = await _app.Services.GetRequiredService<RiskGridService>().GetPageAsync(new CurrentRiskQuery { Take = 10 });
        return Assert.Single(grid.Rows, r => r.CustomerId == "c-late");
    }

    /// <summary>The latest assessment, once the pipeline has assessed the statements.</summary>
    private async Task<Core.Risk.RiskAssessment> AssessedAsync()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await _app.Store.Assessments.GetLatestAsync("c-late") is { } latest)
            {
                return latest;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The pipeline did not assess the statements.");
    }
}
