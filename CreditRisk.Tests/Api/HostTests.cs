using System.Net;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Ingestion;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static CreditRisk.Tests.Api.ApiAssertions;

namespace CreditRisk.Tests.Api;

public sealed class HostTests(CreditRiskWebFactory factory) : IClassFixture<CreditRiskWebFactory>
{
    [Fact]
    public async Task GetHealth_StoreReachable_Returns200WithStoreDescription()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.StartsWith("LiteDB", body.GetProperty("store").GetString());
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task GetHealth_StoreUnreachable_Returns503WithoutDetails()
    {
        await using var healthyStore = await TempLiteDbStore.CreateAsync();
        using var broken = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<ICreditRiskStore>(new UnreachableStore(healthyStore.Store))));
        using var client = broken.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.DoesNotContain("disk on fire", body.ToString());
    }

    [Fact]
    public async Task GetHome_RendersPortfolioCounts()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Portfolio", html);
        Assert.Contains("data-testid=\"count-customers\"", html);
        Assert.Contains("_content/MudBlazor/MudBlazor.min", html);
    }

    /// <summary>Wraps a working store (so start-up still works) but fails every ping.</summary>
    private sealed class UnreachableStore(ICreditRiskStore inner) : ICreditRiskStore
    {
        public string Description => inner.Description;
        public ICustomerRepository Customers => inner.Customers;
        public ITransactionRepository Transactions => inner.Transactions;
        public IStatementRepository Statements => inner.Statements;
        public IBehaviorProfileRepository Profiles => inner.Profiles;
        public IRiskAssessmentRepository Assessments => inner.Assessments;
        public IAlertRepository Alerts => inner.Alerts;
        public IModelRegistry Models => inner.Models;
        public IUserRepository Users => inner.Users;
        public IRoleRepository Roles => inner.Roles;
        public IApiKeyRepository ApiKeys => inner.ApiKeys;
        public IAuditLog Audit => inner.Audit;
        public ISettingsRepository Settings => inner.Settings;

        public Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);

        public Task PingAsync(CancellationToken ct = default) => throw new IOException("disk on fire");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
