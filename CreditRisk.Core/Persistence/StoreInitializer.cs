using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Persistence;

/// <summary>Creates collections and indexes before anything else runs, and says which store the app is using.</summary>
public sealed partial class StoreInitializer(ICreditRiskStore store, ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        LogStorage(store.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: {Description}")]
    private partial void LogStorage(string description);
}
