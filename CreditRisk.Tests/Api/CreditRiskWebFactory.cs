extern alias web;

using System.Net.Http.Json;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Support;
using CreditRisk.Web.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Api;

/// <summary>
/// The whole web app on a temporary LiteDB file with a controllable clock. Without a path it makes (and later
/// deletes) its own temporary directory.
/// </summary>
public sealed class CreditRiskWebFactory : WebApplicationFactory<web::Program>
{
    private readonly string? _ownedDirectory;

    public CreditRiskWebFactory()
    {
        _ownedDirectory = TestDirectories.New();
        DatabasePath = Path.Combine(_ownedDirectory, "creditrisk.db");
    }

    /// <summary>Uses an existing database file (which it leaves in place), e.g. one a CLI command just wrote.</summary>
    internal CreditRiskWebFactory(string databasePath) => DatabasePath = databasePath;

    public string DatabasePath { get; }

    /// <summary>Starts at the real current time and moves only when a test advances it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public ICreditRiskStore Store => Services.GetRequiredService<ICreditRiskStore>();

    /// <summary>Extra configuration for this app (e.g. <c>WhatsApp:BaseUrl</c>), applied after the defaults above.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Extra service registrations applied last (test authentication schemes and the like).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:SqlitePath", DatabasePath);

        // Tests start from an empty store; the first-run demo seed has its own tests.
        builder.UseSetting("Demo:SeedOnFirstRun", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // These tests drive the app with one transaction crossing a threshold; confirmation has its own tests.
        builder.UseSetting("Rules:UtilisationHighConfirmations", "1");
        builder.UseSetting("Rules:CashWithdrawalHighConfirmations", "1");
        builder.UseSetting("Rules:SpendDropConfirmations", "1");
        builder.UseSetting("Rules:MerchantMixCrashConfirmations", "1");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }

    private int _apiKeys;

    /// <summary>A new key's secret; each unnamed one gets a name of its own, as two live keys never share one.</summary>
    public async Task<string> CreateApiKeyAsync(string? name = null) =>
        (await Services.GetRequiredService<ApiKeyService>().CreateAsync(name ?? $"tests-{Interlocked.Increment(ref _apiKeys)}", "tests")).Secret;

    public HttpClient CreateApiClient(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyDefaults.HeaderName, apiKey);
        }

        return client;
    }

    public async Task<(long Customers, long Transactions, long Statements)> CountsAsync() =>
        (await Store.Customers.CountAsync(), await Store.Transactions.CountAsync(), await Store.Statements.CountAsync());

    /// <summary>Creates customers through the API so that transactions and statements can name them.</summary>
    public async Task SeedCustomersAsync(string apiKey, params string[] ids)
    {
        using var client = CreateApiClient(apiKey);
        var response = await client.PostAsJsonAsync("/api/v1/customers", ids.Select(ApiBodies.Customer));
        response.EnsureSuccessStatusCode();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownedDirectory is not null)
        {
            TestDirectories.Delete(_ownedDirectory);
        }
    }
}
