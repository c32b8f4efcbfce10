using System.Net;
using System.Net.Http.Json;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Identity;
using CreditRisk.Tests.Ingestion;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static CreditRisk.Tests.Api.ApiAssertions;

namespace CreditRisk.Tests.Api;

public sealed class HostTests(CreditRiskWebFactory factory) : IClassFixture<CreditRiskWebFactory>
{
    [Fact]
    public async Task GetHealth_StoreReachable_Returns200WithTheStatusOnly()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("store", out _));
        Assert.DoesNotContain(factory.DatabasePath, body.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public void Kestrel_ServerHeader_Off()
    {
        var kestrel = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>();

        Assert.False(kestrel.Value.AddServerHeader);
    }

    [Fact]
    public async Task GetHealth_StoreUnreachable_Returns503WithoutDetails()
    {
        await using var healthyStore = await TempLiteDbStore.CreateAsync();
        using var broken = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<ICreditRiskStore>(new FaultyStore(healthyStore.Store) { FailPing = true })));
        using var client = broken.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.DoesNotContain("disk on fire", body.ToString());
    }

    [Fact]
    public async Task PostCustomers_StoreFailsMidRequest_Returns500ProblemWithoutInternals()
    {
        await using var healthyStore = await TempLiteDbStore.CreateAsync();
        var apiKey = (await new CreditRisk.Core.Identity.ApiKeyService(
            healthyStore.Store, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<CreditRisk.Core.Identity.ApiKeyService>.Instance)
            .CreateAsync("tests", "tests")).Secret;
        using var broken = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<ICreditRiskStore>(new FaultyStore(healthyStore.Store) { FailCustomerWrites = true })));
        using var client = broken.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);

        var response = await client.PostAsJsonAsync("/api/v1/customers", ApiBodies.Customer("c-1"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("disk on fire", problem.ToString());
        Assert.DoesNotContain("FaultyStore", problem.ToString());
        Assert.Equal(Assert.Single(response.Headers.GetValues("X-Request-Id")), problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task GetHome_RendersPortfolioCounts()
    {
        using var client = await factory.SignInStaffAsync("analyst.home@bank.test", "Analyst");

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Portfolio", html);
        Assert.Contains("data-testid=\"count-customers\"", html);
        Assert.Contains("_content/MudBlazor/MudBlazor.min", html);
    }
}
