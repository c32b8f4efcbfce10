using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Support;
using static CreditRisk.Tests.Api.ApiAssertions;

namespace CreditRisk.Tests.Api;

/// <summary>The read API and the pipeline behind the ingestion API, end to end over HTTP.</summary>
public sealed class RiskApiTests(CreditRiskWebFactory factory) : IClassFixture<CreditRiskWebFactory>, IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private string _apiKey = null!;
    private HttpClient _client = null!;
    private int _sequence;

    public async Task InitializeAsync()
    {
        _apiKey = await factory.CreateApiKeyAsync();
        _client = factory.CreateApiClient(_apiKey);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private string Id(string name) => $"{_run}-{name}";

    private DateTimeOffset Now => factory.Clock.GetUtcNow();

    [Fact]
    public async Task PostTransactions_UtilisationAbove90_HighWithReasonAndOnePendingAlertThenNoSecondAlert()
    {
        // The "done when" of the pipeline: limit 100,000, purchases of 94,000.
        var customer = Id("done");
        await factory.SeedCustomersAsync(_apiKey, customer);

        var posted = await PostTransactionsAsync(Purchase(customer, 50_000m, -3), Purchase(customer, 44_000m, -2));
        var risk = await GetRiskAsync(customer);

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("High", risk.GetProperty("band").GetString());
        Assert.Equal("Utilisation 94% is above 90%", risk.GetProperty("reasons")[0].GetString());
        var hit = Assert.Single(risk.GetProperty("ruleHits").EnumerateArray());
        Assert.Equal("utilisation-high", hit.GetProperty("ruleId").GetString());
        Assert.Equal("High", hit.GetProperty("band").GetString());
        Assert.Equal("Utilisation 94% is above 90%", hit.GetProperty("reason").GetString());
        var alert = Assert.Single(await factory.Store.Alerts.ListForCustomerAsync(customer, 10));
        // The outbox entry is the pipeline's; the delivery job may already have sent or suppressed it.
        Assert.Equal("pipeline", alert.TriggeredBy);
        Assert.NotEqual(AlertStatus.Failed, alert.Status);
        Assert.Equal("Your balance is 94% of your credit limit", alert.Reason);

        await PostTransactionsAsync(Purchase(customer, 3_000m, -1));
        await PostTransactionsAsync(Transaction(customer, 2_000m, TransactionType.CashWithdrawal, 0));
        var later = await GetRiskAsync(customer);

        Assert.Equal("High", later.GetProperty("band").GetString());
        Assert.Equal("High", later.GetProperty("previousBand").GetString());
        Assert.Equal("Utilisation 99% is above 90%", later.GetProperty("reasons")[0].GetString());
        Assert.Single(await factory.Store.Alerts.ListForCustomerAsync(customer, 10));
    }

    [Fact]
    public async Task GetRisk_AssessedCustomer_ReturnsEveryPartOfTheAssessment()
    {
        var customer = Id("shape");
        await factory.SeedCustomersAsync(_apiKey, customer);
        await PostTransactionsAsync(Purchase(customer, 10_000m, -1));
        var stored = (await factory.Store.Assessments.GetLatestAsync(customer))!;

        var risk = await GetRiskAsync(customer);

        Assert.Equal(stored.Id, risk.GetProperty("assessmentId").GetString());
        Assert.Equal(customer, risk.GetProperty("customerId").GetString());
        Assert.Equal(stored.AssessedAt, risk.GetProperty("assessedAt").GetDateTimeOffset());
        Assert.Equal("transaction", risk.GetProperty("trigger").GetString());
        Assert.Equal("Low", risk.GetProperty("band").GetString());
        Assert.Equal("Low", risk.GetProperty("ruleBand").GetString());
        Assert.Equal(JsonValueKind.Null, risk.GetProperty("previousBand").ValueKind);
        Assert.Equal(JsonValueKind.Null, risk.GetProperty("modelBand").ValueKind);
        Assert.Equal(JsonValueKind.Null, risk.GetProperty("modelVersion").ValueKind);
        var probabilities = risk.GetProperty("probabilities");
        Assert.All(["logistic", "tree", "ensemble"], name => Assert.Equal(JsonValueKind.Null, probabilities.GetProperty(name).ValueKind));
        Assert.Empty(risk.GetProperty("ruleHits").EnumerateArray());
        Assert.NotEmpty(risk.GetProperty("reasons").EnumerateArray());

        var features = risk.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(FeatureNames.Ordered, features.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(10, features.Single(f => f.GetProperty("name").GetString() == FeatureNames.UtilisationPct).GetProperty("value").GetDouble(), 6);

        // No statements: statement-only features are missing, and say so with null rather than 0.
        Assert.Equal(JsonValueKind.Null, features.Single(f => f.GetProperty("name").GetString() == FeatureNames.MaxDpd6m).GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task GetRisk_UnknownCustomer_Returns404Problem()
    {
        var response = await _client.GetAsync($"/api/v1/customers/{Id("nobody")}/risk");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(Id("nobody"), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetRisk_NotAssessedYet_Returns404ProblemSayingSo()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("fresh"));

        var response = await _client.GetAsync($"/api/v1/customers/{Id("fresh")}/risk");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no risk assessment yet", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    public async Task GetRisk_MissingOrWrongApiKey_Returns401(string? apiKey)
    {
        using var client = factory.CreateApiClient(apiKey);

        await AssertProblemAsync(await client.GetAsync($"/api/v1/customers/{Id("c")}/risk"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await client.GetAsync($"/api/v1/customers/{Id("c")}/risk/history"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetRiskHistory_SeveralAssessments_NewestFirstLimitedByTake()
    {
        var customer = Id("history");
        await factory.SeedCustomersAsync(_apiKey, customer);
        for (var day = -5; day <= -1; day++)
        {
            await PostTransactionsAsync(Purchase(customer, 100m, day));
        }

        var all = await ReadJsonAsync(await _client.GetAsync($"/api/v1/customers/{customer}/risk/history"));
        var two = await ReadJsonAsync(await _client.GetAsync($"/api/v1/customers/{customer}/risk/history?take=2"));

        Assert.Equal(5, all.GetProperty("count").GetInt32());
        var times = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("assessedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(customer, all.GetProperty("customerId").GetString());
        Assert.Equal(2, two.GetProperty("count").GetInt32());
        Assert.Equal(
            all.GetProperty("items").EnumerateArray().Take(2).Select(i => i.GetProperty("assessmentId").GetString()),
            two.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("assessmentId").GetString()));
    }

    [Fact]
    public async Task GetRiskHistory_NotAssessedYet_ReturnsEmptyList()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("quiet"));

        var response = await _client.GetAsync($"/api/v1/customers/{Id("quiet")}/risk/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await ReadJsonAsync(response)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task GetRiskHistory_UnknownCustomer_Returns404Problem()
    {
        await AssertProblemAsync(await _client.GetAsync($"/api/v1/customers/{Id("nobody")}/risk/history"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task GetRiskHistory_TakeOutOfRange_Returns400Problem(string take)
    {
        await factory.SeedCustomersAsync(_apiKey, Id("take"));

        var response = await _client.GetAsync($"/api/v1/customers/{Id("take")}/risk/history?take={take}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("1 to 500", problem.GetProperty("detail").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("take", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task PostStatements_KnownCustomer_AssessesFromTheStatement()
    {
        var customer = Id("statement");
        await factory.SeedCustomersAsync(_apiKey, customer);

        var response = await _client.PostAsJsonAsync("/api/v1/statements", ApiBodies.Statement(customer));
        var risk = await GetRiskAsync(customer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("statement", risk.GetProperty("trigger").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 23, 59, 59, 999, TimeSpan.Zero), risk.GetProperty("assessedAt").GetDateTimeOffset());

        // The data describes 31 January; the score was computed now, and the API says both.
        Assert.Equal(Now.ToUnixTimeMilliseconds(), risk.GetProperty("computedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task PostCustomers_CreditLimitRaised_ReassessesAtTheSameMoment()
    {
        var customer = Id("limit");
        await factory.SeedCustomersAsync(_apiKey, customer);
        await PostTransactionsAsync(Purchase(customer, 95_000m, -1));
        var before = await GetRiskAsync(customer);

        var raised = new Dictionary<string, object?>
        {
            ["customerId"] = customer,
            ["fullName"] = "Test Customer",
            ["phone"] = Ingestion.IngestionInputs.PhoneOf(customer),
            ["creditLimit"] = 500_000m,
            ["openedOn"] = "2022-01-15",
            ["whatsappOptIn"] = true,
        };
        (await _client.PostAsJsonAsync("/api/v1/customers", raised)).EnsureSuccessStatusCode();
        var after = await GetRiskAsync(customer);

        Assert.Equal("High", before.GetProperty("band").GetString());
        Assert.Equal("Low", after.GetProperty("band").GetString());
        Assert.Equal("customer", after.GetProperty("trigger").GetString());
        Assert.Equal(before.GetProperty("assessedAt").GetDateTimeOffset(), after.GetProperty("assessedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task PostCustomers_NoProfileYet_MakesNoAssessment()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("bare"));
        await factory.SeedCustomersAsync(_apiKey, Id("bare"));

        Assert.Null(await factory.Store.Assessments.GetLatestAsync(Id("bare")));
    }

    [Fact]
    public async Task PostTransactions_ReplayOfStoredButUnappliedBatch_RecoversTheCustomerBeforeAnswering()
    {
        // What a process killed between storing a batch and applying it leaves behind; the client then retries.
        var customer = Id("orphan");
        await factory.SeedCustomersAsync(_apiKey, customer);
        var batch = new[] { Purchase(customer, 60_000m, -2), Purchase(customer, 35_000m, -1) };
        await factory.Store.Transactions.InsertNewAsync([.. batch.Select(ToStored)]);

        var response = await PostTransactionsAsync(batch);
        var risk = await GetRiskAsync(customer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All((await ReadJsonAsync(response)).GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("duplicate").GetBoolean()));
        Assert.Equal("High", risk.GetProperty("band").GetString());
        Assert.Equal(RiskTriggers.Recovery, risk.GetProperty("trigger").GetString());
        var history = await factory.Store.Transactions.ListForCustomerAsync(customer, Now.AddYears(-1), Now.AddYears(1));
        var profile = await factory.Store.Profiles.GetAsync(customer);
        JsonAssert.Equivalent(ProfileBuilder.Build(customer, history, []), profile! with { Version = 0, UpdatedAt = default });
        Assert.All(history, t => Assert.NotNull(t.AppliedAt));
        Assert.Single(await factory.Store.Alerts.ListForCustomerAsync(customer, 10));

        await PostTransactionsAsync(batch);

        Assert.Equal(2, (await factory.Store.Profiles.GetAsync(customer))!.TransactionCount);
        Assert.Single(await factory.Store.Alerts.ListForCustomerAsync(customer, 10));
    }

    private async Task<JsonElement> GetRiskAsync(string customerId)
    {
        var response = await _client.GetAsync($"/api/v1/customers/{customerId}/risk");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private async Task<HttpResponseMessage> PostTransactionsAsync(params Dictionary<string, object?>[] batch)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/transactions", batch);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    private Dictionary<string, object?> Purchase(string customerId, decimal amount, int days) =>
        Transaction(customerId, amount, TransactionType.Purchase, days);

    private Dictionary<string, object?> Transaction(string customerId, decimal amount, TransactionType type, int days)
    {
        var body = ApiBodies.Transaction($"{customerId}-t{Interlocked.Increment(ref _sequence)}", customerId, Now.AddDays(days).AddMinutes(-1));
        body["amount"] = amount;
        body["type"] = type == TransactionType.CashWithdrawal ? "cash_withdrawal" : "purchase";
        return body;
    }

    private Transaction ToStored(Dictionary<string, object?> body) => new()
    {
        Id = (string)body["transactionId"]!,
        CustomerId = (string)body["customerId"]!,
        Timestamp = DateTimeOffset.Parse((string)body["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture),
        Amount = (decimal)body["amount"]!,
        Type = TransactionType.Purchase,
        MerchantCategory = (string?)body["merchantCategory"],
        MerchantId = (string?)body["merchantId"],
        Channel = (string?)body["channel"],
        ReceivedAt = Now.AddSeconds(-30),
    };
}
