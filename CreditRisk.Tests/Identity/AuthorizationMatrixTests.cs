using System.Net;
using CreditRisk.Tests.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static CreditRisk.Tests.Identity.IdentityHost;

namespace CreditRisk.Tests.Identity;

/// <summary>
/// Every route the app maps, requested as anonymous, customer A, customer B, analyst and admin. A route missing from
/// <see cref="Expectations"/> fails the test, so a new page or endpoint cannot ship without a decision on who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    /// <summary>What a request gets: a status code, or a redirect to the sign-in or access-denied page.</summary>
    public enum Outcome
    {
        Ok,
        SignIn,
        Denied,
        Unauthorized,
        Forbidden,
        BadRequest,
    }

    private const Outcome Ok = Outcome.Ok, SignIn = Outcome.SignIn, Denied = Outcome.Denied, Unauthorized = Outcome.Unauthorized, Forbidden = Outcome.Forbidden, BadRequest = Outcome.BadRequest;

    /// <param name="Route">The route pattern as mapped, with its methods (<c>GET /x</c>).</param>
    /// <param name="Path">The concrete path requested; null for framework routes not requested (with the reason in <paramref name="Why"/>).</param>
    public sealed record Expectation(string Route, string? Path, Outcome[]? Outcomes, string? Why = null);

    private static readonly Expectation[] Expectations =
    [
        // Who:                                                                  anonymous  customer A  customer B  analyst    admin
        new("GET,POST /", "/", [SignIn, Denied, Denied, Ok, Ok]),
        new("GET,POST /admin/users", "/admin/users", [SignIn, Denied, Denied, Denied, Ok]),
        new("GET,POST /me", "/me", [SignIn, Ok, Ok, Denied, Denied]),
        new("GET,POST /admin/portfolio", "/admin/portfolio", [SignIn, Denied, Denied, Ok, Ok]),
        new("GET,POST /admin/customers", "/admin/customers", [SignIn, Denied, Denied, Ok, Ok]),
        new("GET,POST /admin/customers/{CustomerId}", "/admin/customers/cust-a", [SignIn, Denied, Denied, Ok, Ok]),
        new("GET /admin/customers/export.csv", "/admin/customers/export.csv", [SignIn, Denied, Denied, Ok, Ok]),
        new("GET,POST /admin/models", "/admin/models", [SignIn, Denied, Denied, Ok, Ok]),
        new("GET,POST /admin/rules", "/admin/rules", [SignIn, Denied, Denied, Ok, Ok]),
        new("GET,POST /admin/api-keys", "/admin/api-keys", [SignIn, Denied, Denied, Denied, Ok]),
        new("GET,POST /admin/outbox", "/admin/outbox", [SignIn, Denied, Denied, Denied, Ok]),
        new("GET,POST /admin/audit", "/admin/audit", [SignIn, Denied, Denied, Denied, Ok]),
        new("GET,POST /account/signin", "/account/signin", [Ok, Ok, Ok, Ok, Ok]),
        new("GET,POST /account/password", "/account/password", [SignIn, Denied, Denied, Ok, Ok]),
        new("GET,POST /account/phone", "/account/phone", [Ok, Ok, Ok, Ok, Ok]),
        new("GET,POST /account/phone/verify", "/account/phone/verify?phone=%2B15550000001", [Ok, Ok, Ok, Ok, Ok]),
        new("GET,POST /account/access-denied", "/account/access-denied", [Ok, Ok, Ok, Ok, Ok]),
        new("GET,POST /Error", "/Error", [Ok, Ok, Ok, Ok, Ok]),
        new("GET,POST /not-found", "/not-found", [Ok, Ok, Ok, Ok, Ok]),

        // A signed-in cookie is no API credential: the API names its own scheme.
        new("POST /api/v1/customers", "POST /api/v1/customers", [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),
        new("POST /api/v1/transactions", "POST /api/v1/transactions", [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),
        new("POST /api/v1/statements", "POST /api/v1/statements", [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),
        new("GET /api/v1/customers/{customerId}/risk/", "/api/v1/customers/cust-a/risk", [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),
        new("GET /api/v1/customers/{customerId}/risk/history", "/api/v1/customers/cust-a/risk/history", [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),

        // Anonymous by design, guarded by the verify token and the body signature.
        new("GET /api/whatsapp/webhook", "/api/whatsapp/webhook", [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        new("POST /api/whatsapp/webhook", "POST /api/whatsapp/webhook", [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),

        // A person in a browser is sent to sign in or to the access-denied page, never a bare 401/403 (JobsDashboardTests
        // covers the dashboard's own script requests).
        new("* /jobs/{**path}", "/jobs", [SignIn, Denied, Denied, Denied, Ok]),
        new("* /health", "/health", [Ok, Ok, Ok, Ok, Ok]),

        // Without the form's antiforgery token nobody can sign anybody out.
        new("POST /account/signout", "POST /account/signout", [BadRequest, BadRequest, BadRequest, BadRequest, BadRequest]),

        new("* /_blazor", null, null, "Blazor Server hub; the circuit carries the cookie user and each page checks it"),
        new("* /_blazor/negotiate", null, null, "Blazor Server hub negotiation"),
        new("* /_blazor/disconnect/", null, null, "Blazor Server circuit disconnect"),
        new("* /_blazor/initializers/", null, null, "Blazor JS initializers list"),
        new("GET /_framework/opaque-redirect", null, null, "Blazor enhanced-navigation redirect helper"),
        new("GET,HEAD /{**path:file}", null, null, "static files (Development fallback for package assets)"),
    ];

    private CreditRiskWebFactory _app = null!;
    private readonly Dictionary<string, HttpClient> _clients = [];

    public async Task InitializeAsync()
    {
        _app = await StartAsync();
        _clients["anonymous"] = _app.CreateBrowserClient();
        _clients["customer A"] = await _app.SignInCustomerAsync(PhoneA);
        _clients["customer B"] = await _app.SignInCustomerAsync(PhoneB);
        _clients["analyst"] = await _app.SignInStaffAsync("analyst@bank.test", "Analyst");
        _clients["admin"] = await _app.SignInStaffAsync("admin@bank.test", "Admin");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public void Routes_EveryMappedRoute_HasAnExpectation()
    {
        var known = Expectations.Select(e => e.Route).ToHashSet(StringComparer.Ordinal);

        var missing = MappedRoutes().Where(r => !known.Contains(r)).ToList();

        Assert.True(missing.Count == 0, "Routes without an authorisation expectation:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Expectations_EveryEntry_IsAMappedRoute()
    {
        var mapped = MappedRoutes().ToHashSet(StringComparer.Ordinal);

        var stale = Expectations.Where(e => !mapped.Contains(e.Route) && e.Path is not null).Select(e => e.Route).ToList();

        Assert.True(stale.Count == 0, "Expectations for routes that no longer exist:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Request_EveryRouteAsEveryone_GetsTheExpectedOutcome()
    {
        var who = _clients.Keys.ToArray();
        var wrong = new List<string>();
        foreach (var expectation in Expectations.Where(e => e.Path is not null))
        {
            for (var i = 0; i < who.Length; i++)
            {
                var actual = await RequestAsync(_clients[who[i]], expectation.Path!);
                if (actual != expectation.Outcomes![i])
                {
                    wrong.Add($"{expectation.Path} as {who[i]}: expected {expectation.Outcomes[i]}, got {actual}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task GetMe_EachCustomer_SeesOnlyTheirOwnCustomer()
    {
        var a = await _clients["customer A"].GetStringAsync("/me");
        var b = await _clients["customer B"].GetStringAsync("/me");

        Assert.Contains(CustomerA.FullName, a);
        Assert.DoesNotContain(CustomerB.FullName, a);
        Assert.Contains(CustomerB.FullName, b);
        Assert.DoesNotContain(CustomerA.FullName, b);
    }

    [Fact]
    public async Task GetMe_CustomerIdInTheQuery_IsIgnored()
    {
        var a = await _clients["customer A"].GetStringAsync("/me?customerId=cust-b");

        Assert.Contains(CustomerA.FullName, a);
        Assert.DoesNotContain(CustomerB.FullName, a);
    }

    private static async Task<Outcome> RequestAsync(HttpClient client, string path)
    {
        var post = path.StartsWith("POST ", StringComparison.Ordinal);
        var url = post ? path[5..] : path;
        using var response = post
            ? await client.PostAsync(url, new FormUrlEncodedContent([]))
            : await client.GetAsync(url);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Ok,
            HttpStatusCode.Redirect when response.Headers.Location!.AbsolutePath == "/account/signin" => Outcome.SignIn,
            HttpStatusCode.Redirect when response.Headers.Location!.AbsolutePath == "/account/access-denied" => Outcome.Denied,
            HttpStatusCode.Unauthorized => Outcome.Unauthorized,
            HttpStatusCode.Forbidden => Outcome.Forbidden,
            HttpStatusCode.BadRequest => Outcome.BadRequest,
            _ => throw new InvalidOperationException($"{path}: unexpected {(int)response.StatusCode} {response.Headers.Location}"),
        };
    }

    /// <summary>Every route endpoint as <c>METHODS /pattern</c>, static files left out (they carry no data).</summary>
    private IEnumerable<string> MappedRoutes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Namespace == "Microsoft.AspNetCore.StaticAssets"))
            .Select(e =>
            {
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                return $"{(methods is { Count: > 0 } ? string.Join(",", methods.Order(StringComparer.Ordinal)) : "*")} {pattern}";
            })
            .Distinct(StringComparer.Ordinal);
}
