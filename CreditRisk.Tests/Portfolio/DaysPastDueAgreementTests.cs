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
/// The high-risk grid's days-past-due column and the drill-down's past-due reason for today come from one computation
/// (<see cref="PastDueFact.FromStatements"/>, the rule's own), so they read the same number, in the rule's wording.
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
        var today = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);
        var firstDue = today.AddDays(-daysSinceFirstDue);
        var statements = Enumerable.Range(0, missed).Select(i => new StatementInput
        {
            CustomerId = "c-late", StatementDate = firstDue.AddMonths(i).AddDays(-20), CreditLimit = 50_000m, Balance = 40_000m,
            MinimumDue = 2_000m, DueDate = firstDue.AddMonths(i), AmountPaid = 0m, DaysPastDue = 0,
        }).Where(s => s.DueDate < today).ToList();
        Assert.Equal(missed, statements.Count);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IngestionService>().IngestStatementsAsync(statements)).Accepted);
        }

        var latest = await AssessedAsync();
        var grid = await _app.Services.GetRequiredService<RiskGridService>().GetPageAsync(new CurrentRiskQuery { Take = 10 });
        var row = Assert.Single(grid.Rows, r => r.CustomerId == "c-late");
        var details = await _app.Services.GetRequiredService<CustomerDetailsService>().GetAsync("c-late");

        Assert.Equal(missed == 1 ? PastDueFact.DelinquentDays - 1 : daysSinceFirstDue, row.DaysPastDue);
        Assert.Equal(row.DaysPastDue, details!.PastDueToday!.DaysPastDue);
        Assert.Contains($"is {row.DaysPastDue} days overdue (due {firstDue:d MMM yyyy})", details.PastDueToday.Reason);
        // Same wording as the rule's reason, which was written as of the assessment's data.
        Assert.StartsWith(missed == 1 ? "2000.00 of the minimum due is " : "4000.00 of the minimum due is ", details.PastDueToday.Reason);
        if (latest.RuleHits.FirstOrDefault(h => h.RuleId == RuleIds.PastDue) is { } hit)
        {
            // The rule's own reason, as of the assessment's data, has the same wording.
            Assert.Matches(@"^\d+\.00 of the minimum due is \d+ days overdue \(due ", hit.Reason);
        }
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
