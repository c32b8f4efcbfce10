using System.Net;
using System.Net.Sockets;
using CreditRisk.Core;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.Mongo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Tests.Persistence.Mongo;

public sealed class MongoRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCreditRiskCore(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddCreditRiskCore_MongoConnectionString_RegistersMongoStoreOnConfiguredDatabase()
    {
        await using var provider = Build(new()
        {
            ["ConnectionStrings:Mongo"] = "mongodb://db.example.test:27017/?replicaSet=rs0",
            ["Storage:MongoDatabase"] = "risk_prod",
        });

        var store = provider.GetRequiredService<ICreditRiskStore>();

        Assert.IsType<MongoCreditRiskStore>(store);
        Assert.Contains("db.example.test:27017", store.Description);
        Assert.Contains("risk_prod", store.Description);
        Assert.Same(store.Alerts, provider.GetRequiredService<IAlertRepository>());
    }

    [Fact]
    public void AddCreditRiskCore_MongoProviderDisposedSynchronously_DoesNotThrow()
    {
        var provider = Build(new() { ["ConnectionStrings:Mongo"] = "mongodb://db.example.test:27017" });
        _ = provider.GetRequiredService<ICreditRiskStore>();

        var error = Record.Exception(provider.Dispose);

        Assert.Null(error);
    }

    [Fact]
    public async Task StoreInitializer_MongoUnreachable_StopsStartupWithClearMessage()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var provider = Build(new()
        {
            ["ConnectionStrings:Mongo"] = $"mongodb://127.0.0.1:{port}",
            ["Storage:MongoConnectTimeoutSeconds"] = "2",
        });
        var initializer = Assert.Single(provider.GetServices<IHostedService>().OfType<StoreInitializer>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => initializer.StartAsync(CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("within 2 s", error.Message);
    }
}
