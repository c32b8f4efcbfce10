using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CreditRisk.Core.Features;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using static CreditRisk.Tests.Api.ApiAssertions;

namespace CreditRisk.Tests.Api;

/// <summary>
/// Issue #16: a client that hangs up after its batch is stored must not leave the customer's risk stale, and its
/// immediate retry (all duplicates) must answer only once the risk reflects the batch.
/// </summary>
public sealed class ClientHangUpTests
{
    /// <summary>Bounds each wait, so a regression fails instead of hanging the run.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostTransactions_ClientHangsUpMidPipelineAndRetriesAtOnce_RetryAnswersWithTheRiskApplied()
    {
        await using var temp = await TempLiteDbStore.CreateAsync();
        var store = new HeldProfileReadsStore(temp.Store);
        await using var app = new CreditRiskWebFactory { TestServices = s => s.AddSingleton<ICreditRiskStore>(store) };
        var (client, batch) = await ArrangeAsync(app);
        using var _ = client;

        // The batch is stored and the pipeline is mid-run when the client gives up: the endpoint hands the request's
        // token to the ingestion service, so this is what a client hanging up does (the test server does not forward
        // a client's cancellation to a request that is still running).
        store.HoldNextRead();
        using var hangUp = new CancellationTokenSource();
        using var scope = app.Services.CreateScope();
        var first = scope.ServiceProvider.GetRequiredService<IngestionService>().IngestTransactionsAsync([.. batch.Select(Input)], hangUp.Token);
        await store.Held.Task.WaitAsync(Patience);
        await hangUp.CancelAsync();

        var retry = client.PostAsJsonAsync("/api/v1/transactions", batch);
        store.Release();
        var response = await retry.WaitAsync(Patience);
        Assert.All((await first.WaitAsync(Patience)).Items, i => Assert.False(i.Duplicate));

        await AssertRetryAnsweredWithTheRiskAppliedAsync(temp, client, response);
        Assert.Equal("transaction", (await temp.Store.Assessments.GetLatestAsync("c-hangup"))!.Trigger);
    }

    [Fact]
    public async Task PostTransactions_PipelineRunOutlastsItsTimeout_TheRetryRecoversTheCustomerBeforeAnswering()
    {
        await using var temp = await TempLiteDbStore.CreateAsync();
        var store = new HeldProfileReadsStore(temp.Store);
        await using var app = new CreditRiskWebFactory { TestServices = s => s.AddSingleton<ICreditRiskStore>(store) };
        app.Settings["RiskPipeline:PostCommitTimeoutSeconds"] = "5";
        var (client, batch) = await ArrangeAsync(app);
        using var _ = client;

        // A store that never answers: the run gives up after its own timeout, not the client's, and answers.
        store.HoldNextRead();
        var first = client.PostAsJsonAsync("/api/v1/transactions", batch);
        await store.Held.Task.WaitAsync(Patience);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var firstResponse = await first.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.Created, firstResponse.StatusCode);
        Assert.Equal(["c-hangup"], await temp.Store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
        store.Release();

        var response = await client.PostAsJsonAsync("/api/v1/transactions", batch).WaitAsync(Patience);

        await AssertRetryAnsweredWithTheRiskAppliedAsync(temp, client, response);
        Assert.Equal("recovery", (await temp.Store.Assessments.GetLatestAsync("c-hangup"))!.Trigger);
    }

    /// <summary>A customer and a batch taking its utilisation to 94% (High); the clock moved on from the start.</summary>
    private static async Task<(HttpClient Client, Dictionary<string, object?>[] Batch)> ArrangeAsync(CreditRiskWebFactory app)
    {
        var apiKey = await app.CreateApiKeyAsync();
        await app.SeedCustomersAsync(apiKey, "c-hangup");
        var client = app.CreateApiClient(apiKey);

        // The process has been up a while: the batch is its own, not one a previous process left behind.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var now = app.Clock.GetUtcNow();
        return (client, [Purchase("t-hangup-1", 50_000m, now.AddDays(-3)), Purchase("t-hangup-2", 44_000m, now.AddDays(-2))]);
    }

    private static async Task AssertRetryAnsweredWithTheRiskAppliedAsync(TempLiteDbStore temp, HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All((await ReadJsonAsync(response)).GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("duplicate").GetBoolean()));
        var riskResponse = await client.GetAsync("/api/v1/customers/c-hangup/risk");
        Assert.Equal(HttpStatusCode.OK, riskResponse.StatusCode);
        var risk = await ReadJsonAsync(riskResponse);
        Assert.Equal("High", risk.GetProperty("band").GetString());
        var utilisation = risk.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == FeatureNames.UtilisationPct);
        Assert.Equal(94, utilisation.GetProperty("value").GetDouble(), precision: 6);
        Assert.Equal(2, (await temp.Store.Profiles.GetAsync("c-hangup"))!.TransactionCount);
        Assert.Single(await temp.Store.Alerts.ListForCustomerAsync("c-hangup", 10));
        Assert.Empty(await temp.Store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
    }

    private static TransactionInput Input(Dictionary<string, object?> body) => new()
    {
        TransactionId = (string)body["transactionId"]!,
        CustomerId = (string)body["customerId"]!,
        Timestamp = DateTimeOffset.Parse((string)body["timestamp"]!, CultureInfo.InvariantCulture),
        Amount = (decimal)body["amount"]!,
        Type = (string)body["type"]!,
        MerchantCategory = (string)body["merchantCategory"]!,
        MerchantId = (string)body["merchantId"]!,
        Channel = (string)body["channel"]!,
    };

    private static Dictionary<string, object?> Purchase(string id, decimal amount, DateTimeOffset at)
    {
        var body = ApiBodies.Transaction(id, "c-hangup", at);
        body["amount"] = amount;
        return body;
    }
}
