using CreditRisk.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Cli.Commands;

/// <summary>Runs a command's body against a freshly built host whose store is initialised, then disposes it.</summary>
internal static class CommandHost
{
    public static async Task<int> RunAsync(Func<IHost> buildHost, Func<IServiceProvider, Task<int>> body, CancellationToken ct)
    {
        var host = buildHost();
        try
        {
            // The host is never started (no hosted services run in a command), so prepare the store here.
            await host.Services.GetRequiredService<ICreditRiskStore>().InitializeAsync(ct);
            return await body(host.Services);
        }
        finally
        {
            // The store is async-disposable only; a synchronous Dispose of the container would throw.
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
