using System.Net;
using System.Net.Http.Json;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Statements;
using Microsoft.Extensions.DependencyInjection;
using static CreditRisk.Tests.Api.ApiAssertions;

namespace CreditRisk.Tests.Api;

/// <summary>
/// Statements carry no pending mark for recovery to find, so a batch the risk pipeline failed on is answered 503: the
/// sender sends it again instead of taking a 200 for a risk that never saw it.
/// </summary>
public sealed class StatementsNotAppliedTests
{
    [Fact]
    public async Task PostStatements_PipelineFails_503SayingTheyAreStoredAndToSendAgain_ThenTheResendIsAccepted()
    {
        var failing = new FailingStatementsListener();
        await using var app = new CreditRiskWebFactory { TestServices = s => s.AddSingleton<IIngestionListener>(failing) };
        var apiKey = await app.CreateApiKeyAsync();
        await app.SeedCustomersAsync(apiKey, "c-stmt");
        using var client = app.CreateApiClient(apiKey);

        var first = await client.PostAsJsonAsync("/api/v1/statements", ApiBodies.Statement("c-stmt"));
        failing.Fail = false;
        var again = await client.PostAsJsonAsync("/api/v1/statements", ApiBodies.Statement("c-stmt"));

        var problem = await AssertProblemAsync(first, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("are stored, but the customers' risk could not be updated", problem.GetProperty("detail").GetString());
        Assert.Contains("Send the same batch again", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await app.Store.Statements.CountAsync());
    }

    private sealed class FailingStatementsListener : IIngestionListener
    {
        public bool Fail { get; set; } = true;

        public Task OnStatementsAcceptedAsync(IReadOnlyList<Statement> statements, CancellationToken ct) =>
            Fail ? throw new TimeoutException("pipeline timed out") : Task.CompletedTask;
    }
}
