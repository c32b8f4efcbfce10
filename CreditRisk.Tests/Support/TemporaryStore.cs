using CreditRisk.Core;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Support;

/// <summary>
/// The Core services over a LiteDB file in a fresh temporary directory, deleted on dispose. The directory also
/// holds the test's input files (<see cref="WriteFile"/>).
/// </summary>
public sealed class TemporaryStore : IAsyncDisposable
{
    private TemporaryStore(string directory, ServiceProvider services)
    {
        Directory = directory;
        Services = services;
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "store.db");

    public ServiceProvider Services { get; }

    public ICreditRiskStore Store => Services.GetRequiredService<ICreditRiskStore>();

    /// <param name="configure">Extra registrations after the Core ones (listeners, a fake clock).</param>
    public static async Task<TemporaryStore> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var directory = TestDirectories.New();
        System.IO.Directory.CreateDirectory(directory);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(directory, "store.db") })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddCreditRiskCore(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetRequiredService<ICreditRiskStore>().InitializeAsync();
        return new TemporaryStore(directory, provider);
    }

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) to a file in the directory and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<(long Customers, long Statements, long Transactions)> CountsAsync() =>
        (await Store.Customers.CountAsync(), await Store.Statements.CountAsync(), await Store.Transactions.CountAsync());

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        TestDirectories.Delete(Directory);
    }
}
