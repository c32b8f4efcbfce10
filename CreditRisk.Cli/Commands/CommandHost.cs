using System.Text.Json;
using System.Text.Json.Serialization;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Cli.Commands;

/// <summary>Runs a command body against the configured services, and the JSON style of machine-readable output.</summary>
internal static class CommandHost
{
    /// <summary>snake_case names, enums as snake_case strings, nulls left out, indented (still one JSON object).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static Task<int> RunAsync(Func<IHost> buildHost, Func<IServiceProvider, Task<int>> body, CancellationToken ct) =>
        RunAsync(buildHost, _ => Task.FromResult<int?>(null), body, ct);

    /// <param name="usageCheck">
    /// Checks arguments against configuration (a limit, the clock) before the store is opened, so a usage error leaves
    /// no new store file behind; returns the exit code to stop with, or null to go on.
    /// </param>
    public static async Task<int> RunAsync(
        Func<IHost> buildHost, Func<IServiceProvider, Task<int?>> usageCheck, Func<IServiceProvider, Task<int>> body, CancellationToken ct)
    {
        var host = buildHost();
        try
        {
            if (await usageCheck(host.Services) is { } refused)
            {
                return refused;
            }

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
