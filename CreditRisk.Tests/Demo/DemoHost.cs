using CreditRisk.Core;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Tests.Demo;

/// <summary>The Core services (as the web app registers them) on a temporary LiteDB file, with demo settings.</summary>
internal sealed class DemoHost : IAsyncDisposable
{
    private readonly string _directory = TestDirectories.New();

    public DemoHost(int customers = 200, bool? seedOnFirstRun = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory, "creditrisk.db"),
            ["Demo:Customers"] = customers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:Months"] = "12",
            ["Demo:Seed"] = "7",
        };
        if (seedOnFirstRun is { } seed)
        {
            settings["Demo:SeedOnFirstRun"] = seed ? "true" : "false";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCreditRiskCore(builder.Configuration);
        Host = builder.Build();
    }

    public IHost Host { get; }

    public ICreditRiskStore Store => Host.Services.GetRequiredService<ICreditRiskStore>();

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        if (Host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }

        TestDirectories.Delete(_directory);
    }
}
