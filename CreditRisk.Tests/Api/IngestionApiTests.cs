using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CreditRisk.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using static CreditRisk.Tests.Api.ApiAssertions;

namespace CreditRisk.Tests.Api;

public sealed class IngestionApiTests(CreditRiskWebFactory factory) : IClassFixture<CreditRiskWebFactory>, IAsyncLifetime
{
    // Tests in one class run one at a time, so count comparisons within a test are exact.
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private string _apiKey = null!;
    private HttpClient _client = null!;

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

    private static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(null)]
    [InlineData("crk_this-key-was-never-issued-0000000000000000")]
    [InlineData("garbage")]
    public async Task PostCustomers_MissingOrWrongApiKey_Returns401ProblemAndStoresNothing(string? apiKey)
    {
        using var client = factory.CreateApiClient(apiKey);
        var before = await factory.CountsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/customers", ApiBodies.Customer(Id("c")));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString() + response.Headers.WwwAuthenticate);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task PostTransactions_RevokedApiKey_Returns401()
    {
        var keys = factory.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync("soon-revoked", "tests");
        await keys.RevokeAsync(created.Key.Id, "tests");
        using var client = factory.CreateApiClient(created.Secret);

        var response = await client.PostAsJsonAsync("/api/v1/transactions", new[] { ApiBodies.Transaction(Id("t"), Id("c"), Now) });

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing", 404)]
    [InlineData("PUT", "/api/v1/customers", 405)]
    public async Task UnknownRouteOrMethod_ProblemDetailsLikeEveryOtherAnswer(string method, string path, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };

        var response = await _client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType); // was an empty body
        Assert.Contains($"\"status\":{status}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostCustomers_SingleObject_Returns201WithOneItemAndStoresIt()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/customers", ApiBodies.Customer(Id("single")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(1, body.GetProperty("count").GetInt32());
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(Id("single"), item.GetProperty("customerId").GetString());
        Assert.Equal("accepted", item.GetProperty("status").GetString());
        Assert.True(item.GetProperty("created").GetBoolean());
        Assert.NotNull(await factory.Store.Customers.GetAsync(Id("single")));
    }

    [Fact]
    public async Task PostCustomers_ArraySentTwice_FirstCreatesThenReplacesWith200()
    {
        var ids = new[] { Id("a"), Id("b"), Id("c") };

        var first = await _client.PostAsJsonAsync("/api/v1/customers", ids.Select(ApiBodies.Customer));
        var second = await _client.PostAsJsonAsync("/api/v1/customers", ids.Select(ApiBodies.Customer));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var items = (await ReadJsonAsync(second)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ids, items.Select(i => i.GetProperty("customerId").GetString()));
        Assert.All(items, i => Assert.False(i.GetProperty("created").GetBoolean()));
    }

    [Fact]
    public async Task PostTransactions_ThousandItemBatchPostedTwice_SecondChangesNothingAndReturnsOriginalAcceptedAt()
    {
        var customers = Enumerable.Range(0, 10).Select(i => Id($"c{i}")).ToArray();
        await factory.SeedCustomersAsync(_apiKey, customers);
        var batch = Enumerable.Range(0, 1000)
            .Select(i => ApiBodies.Transaction(Id($"t{i:0000}"), customers[i % 10], Now.AddMinutes(-i)))
            .ToList();
        var before = await factory.CountsAsync();

        var first = await _client.PostAsJsonAsync("/api/v1/transactions", batch);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var afterFirst = await factory.CountsAsync();
        Assert.Equal(before.Transactions + 1000, afterFirst.Transactions);
        var original = (await ReadJsonAsync(first)).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("transactionId").GetString()!, i => i.GetProperty("acceptedAt").GetDateTimeOffset());
        Assert.Equal(1000, original.Count);

        factory.Clock.Advance(TimeSpan.FromHours(1));
        var second = await _client.PostAsJsonAsync("/api/v1/transactions", batch);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(afterFirst, await factory.CountsAsync());
        var replayed = (await ReadJsonAsync(second)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(1000, replayed.Count);
        Assert.All(replayed, item =>
        {
            Assert.True(item.GetProperty("duplicate").GetBoolean());
            Assert.False(item.GetProperty("differsFromStored").GetBoolean());
            Assert.Equal("accepted", item.GetProperty("status").GetString());
            Assert.Equal(original[item.GetProperty("transactionId").GetString()!], item.GetProperty("acceptedAt").GetDateTimeOffset());
        });
        Assert.NotEqual(Now, original.Values.First());
    }

    [Fact]
    public async Task PostTransactions_OneBadMccInBatch_RefusesWholeBatchNamingIndexAndField()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("c"));
        var batch = Enumerable.Range(0, 600).Select(i => ApiBodies.Transaction(Id($"t{i}"), Id("c"), Now)).ToList();
        batch[417]["merchantCategory"] = "54X1";
        var before = await factory.CountsAsync();

        var response = await _client.PostAsJsonAsync("/api/v1/transactions", batch);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(417, "merchantCategory")], Errors(problem));
        Assert.Equal("must be exactly 4 digits", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task PostTransactions_SeveralBadItems_ListsEveryOne()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("c"));
        var batch = Enumerable.Range(0, 6).Select(i => ApiBodies.Transaction(Id($"t{i}"), Id("c"), Now)).ToList();
        batch[1]["amount"] = -3m;
        batch[2]["type"] = "chargeback";
        batch[4]["customerId"] = Id("nobody");
        batch[5]["transactionId"] = Id("t0");
        var before = await factory.CountsAsync();

        var response = await _client.PostAsJsonAsync("/api/v1/transactions", batch);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(1, "amount"), (2, "type"), (4, "customerId"), (5, "transactionId")], Errors(problem));
        Assert.Contains("4 items", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task PostTransactions_UnknownCustomer_IsAnItemError()
    {
        var response = await _client.PostAsJsonAsync(
            "/api/v1/transactions", ApiBodies.Transaction(Id("t"), Id("ghost"), Now));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(0, "customerId")], Errors(problem));
        Assert.Contains(Id("ghost"), problem.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task PostTransactions_TimestampMoreThanFiveMinutesAhead_IsRefused()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("c"));
        var before = await factory.CountsAsync();

        var response = await _client.PostAsJsonAsync("/api/v1/transactions", new[]
        {
            ApiBodies.Transaction(Id("ok"), Id("c"), Now.AddMinutes(4)),
            ApiBodies.Transaction(Id("late"), Id("c"), Now.AddMinutes(6)),
        });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(1, "timestamp")], Errors(problem));
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Theory]
    [InlineData("[{\"transactionId\": \"t1\",]")]
    [InlineData("{\"transactionId\": ")]
    [InlineData("not json")]
    public async Task PostTransactions_MalformedJson_Returns400Problem(string raw)
    {
        var response = await _client.PostAsync("/api/v1/transactions", Json(raw));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/customers")]
    [InlineData("/api/v1/transactions")]
    [InlineData("/api/v1/statements")]
    public async Task Post_FieldNameNotValidUtf8_Returns400ProblemNotAServerError(string path)
    {
        // {"customerId\xFF":"x"}: the JSON parser leaves the bytes inside strings unchecked.
        using var content = new ByteArrayContent([.. "{\"customerId"u8, 0xFF, .. "\":\"x\"}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _client.PostAsync(path, content);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid UTF-8", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public async Task PostTransactions_BodyNeitherObjectNorArray_Returns400Problem(string raw)
    {
        var response = await _client.PostAsync("/api/v1/transactions", Json(raw));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("object or an array", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostTransactions_WrongTypesAndNonObjectItems_Returns400NamingEachField()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("c"));
        var good = JsonSerializer.Serialize(ApiBodies.Transaction(Id("t0"), Id("c"), Now));
        var raw = $$"""
            [
              {{good}},
              {"transactionId": "{{Id("t1")}}", "customerId": "{{Id("c")}}", "timestamp": "{{Now:O}}", "amount": "12.50", "type": "purchase"},
              17,
              {"transactionId": 99, "customerId": "{{Id("c")}}", "timestamp": "{{Now:O}}", "amount": 1, "type": "purchase"},
              {"transactionId": "{{Id("t4")}}", "customerId": "{{Id("c")}}", "timestamp": "2026-03-01T10:00:00", "amount": 1, "type": "purchase"}
            ]
            """;
        var before = await factory.CountsAsync();

        var response = await _client.PostAsync("/api/v1/transactions", Json(raw));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(1, "amount"), (2, "$"), (3, "transactionId"), (4, "timestamp")], Errors(problem));
        var messages = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Equal("must be a JSON number (not a string), of at most 28 digits", messages[0]);
        Assert.Equal("must be a string", messages[2]);
        Assert.Contains("offset", messages[3]);
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Theory]
    [InlineData("1.0000000000000000000000000000001")]
    [InlineData("1e-40")]
    public async Task PostTransactions_AmountWithDigitsADecimalWouldRoundAway_Returns400NamingTheAmount(string amount)
    {
        await factory.SeedCustomersAsync(_apiKey, Id("c"));
        var raw = $$"""
            [{"transactionId": "{{Id("t")}}", "customerId": "{{Id("c")}}", "timestamp": "{{Now:O}}", "amount": {{amount}}, "type": "purchase"}]
            """;
        var before = await factory.CountsAsync();

        var response = await _client.PostAsync("/api/v1/transactions", Json(raw));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(0, "amount")], Errors(problem));
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task PostTransactions_AmountInExponentForm_IsStoredAtItsValue()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("c"));
        var raw = $$"""
            [{"transactionId": "{{Id("t")}}", "customerId": "{{Id("c")}}", "timestamp": "{{Now:O}}", "amount": 1.25e2, "type": "purchase"}]
            """;

        var response = await _client.PostAsync("/api/v1/transactions", Json(raw));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await factory.Store.Transactions.GetManyAsync([Id("t")]);
        Assert.Equal(125m, stored[Id("t")].Amount);
    }

    [Fact]
    public async Task PostCustomers_OptOutUnderTheCsvColumnsName_Returns400NamingTheFieldAndKeepsNothingElse()
    {
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/api/v1/customers", ApiBodies.Customer(Id("c")))).StatusCode);
        var raw = $$"""
            [
              {"customerId": "{{Id("c")}}", "fullName": "Opted Out", "phone": "{{Ingestion.IngestionInputs.PhoneOf(Id("c"))}}", "creditLimit": 1000, "openedOn": "2022-01-15", "whatsapp_opt_in": false},
              {"customerId": "{{Id("d")}}", "fullName": "Other", "phone": "{{Ingestion.IngestionInputs.PhoneOf(Id("d"))}}", "creditLimit": 1000, "openedOn": "2022-01-15", "nickname": "D"}
            ]
            """;

        var response = await _client.PostAsync("/api/v1/customers", Json(raw));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(0, "whatsapp_opt_in"), (1, "nickname")], Errors(problem));
        var messages = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Equal(["is not a known field; did you mean whatsappOptIn?", "is not a known field"], messages);
        var stored = await factory.Store.Customers.GetAsync(Id("c"));
        Assert.True(stored!.WhatsAppOptIn);
        Assert.Equal("Test Customer " + Id("c"), stored.FullName);
        Assert.Null(await factory.Store.Customers.GetAsync(Id("d")));
    }

    [Fact]
    public async Task PostCustomers_OptInGivenTwiceUnderTwoCasings_Returns400NamingTheSecondAndStoresNothing()
    {
        // The reader matches names without regard to case, and the last one would win: the opt-out was dropped.
        var raw = $$"""
            {"customerId": "{{Id("e")}}", "fullName": "Twice", "phone": "{{Ingestion.IngestionInputs.PhoneOf(Id("e"))}}", "creditLimit": 1000, "openedOn": "2022-01-15", "whatsappOptIn": false, "WhatsappOptIn": true}
            """;

        var response = await _client.PostAsync("/api/v1/customers", Json(raw));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(0, "WhatsappOptIn")], Errors(problem));
        Assert.Equal("is given more than once", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Null(await factory.Store.Customers.GetAsync(Id("e")));
    }

    [Theory]
    [InlineData("/api/v1/customers")]
    [InlineData("/api/v1/transactions")]
    [InlineData("/api/v1/statements")]
    public async Task Post_FieldNameAnUnpairedSurrogateEscape_Returns400ProblemNotAServerError(string path)
    {
        // Valid UTF-8, but the escape names half a character: reading the name threw.
        var response = await _client.PostAsync(path, Json("{\"\\ud800\": 1}"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = problem.GetProperty("errors")[0];
        Assert.Equal("$", error.GetProperty("field").GetString());
        Assert.Contains("not valid text", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task PostTransactions_1001Items_Returns400AndStoresNothing()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("c"));
        var batch = Enumerable.Range(0, 1001).Select(i => ApiBodies.Transaction(Id($"t{i}"), Id("c"), Now)).ToList();
        var before = await factory.CountsAsync();

        var response = await _client.PostAsJsonAsync("/api/v1/transactions", batch);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([(null, "$")], Errors(problem));
        Assert.Contains("at most 1000", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.CountsAsync());
    }

    [Fact]
    public async Task PostTransactions_BodyOverLimitWithContentLength_Returns413()
    {
        var response = await _client.PostAsync("/api/v1/transactions", new ByteArrayContent(OversizedBody())
        {
            Headers = { ContentType = new("application/json") },
        });

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4194304 bytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostTransactions_ChunkedBodyOverLimit_Returns413()
    {
        var response = await _client.PostAsync("/api/v1/transactions", new ChunkedJsonContent(OversizedBody()));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostCustomers_BodyWithByteOrderMark_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(JsonSerializer.SerializeToUtf8Bytes(ApiBodies.Customer(Id("bom")))).ToArray();

        var response = await _client.PostAsync("/api/v1/customers", new ByteArrayContent(bytes)
        {
            Headers = { ContentType = new("application/json") },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PostTransactions_NotJson_Returns415()
    {
        var response = await _client.PostAsync("/api/v1/transactions", new StringContent("a,b", Encoding.UTF8, "text/csv"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PostStatements_ValidAndInvalid_AcceptsOrNamesTheField()
    {
        await factory.SeedCustomersAsync(_apiKey, Id("c"));

        var ok = await _client.PostAsJsonAsync("/api/v1/statements", ApiBodies.Statement(Id("c")));
        var bad = await _client.PostAsync("/api/v1/statements", Json(
            JsonSerializer.Serialize(ApiBodies.Statement(Id("c"))).Replace("\"minimumDue\":1250", "\"minimumDue\":99999")));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var item = (await ReadJsonAsync(ok)).GetProperty("items")[0];
        Assert.Equal("2026-01-31", item.GetProperty("statementDate").GetString());
        var problem = await AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal([(0, "minimumDue")], Errors(problem));
    }

    [Fact]
    public async Task AnyResponse_CarriesRequestIdMatchingTheProblem()
    {
        using var anonymous = factory.CreateApiClient(null);

        var response = await anonymous.PostAsJsonAsync("/api/v1/customers", ApiBodies.Customer(Id("c")));

        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        var problem = await ReadJsonAsync(response);
        Assert.Equal(requestId, problem.GetProperty("requestId").GetString());
    }

    /// <summary>A syntactically fine body just over the 4 MiB default limit.</summary>
    private static byte[] OversizedBody() =>
        Encoding.UTF8.GetBytes($$"""[{"transactionId":"big","channel":"{{new string('x', 4 * 1024 * 1024)}}"}]""");

    /// <summary>Content of unknown length, so the client sends it chunked and the server must count the bytes itself.</summary>
    private sealed class ChunkedJsonContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedJsonContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
