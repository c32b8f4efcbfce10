using System.CommandLine;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>creditrisk apikey create|list|revoke</c>: manages the keys the bank's systems send in <c>X-Api-Key</c>.
/// <c>create</c> prints the new key alone on the last line of stdout, so scripts can take it with <c>tail -n 1</c>.
/// </summary>
internal static class ApiKeyCommand
{
    private const string Actor = "cli";

    public static Command Create(Func<IHost>? hostFactory = null)
    {
        var buildHost = hostFactory ?? (() => CliHost.Build());
        var command = new Command("apikey", "Create, list and revoke API keys for the ingestion API");
        command.Subcommands.Add(CreateCommand(buildHost));
        command.Subcommands.Add(ListCommand(buildHost));
        command.Subcommands.Add(RevokeCommand(buildHost));
        return command;
    }

    private static Command CreateCommand(Func<IHost> buildHost)
    {
        var name = new Option<string>("--name")
        {
            Description = "Who or what uses the key, e.g. core-banking-prod",
            Required = true,
        };
        var command = new Command("create", "Create a key; it is printed once, alone on the last line") { name };
        command.SetAction((parse, ct) => WithServicesAsync(buildHost, async services =>
        {
            var output = parse.InvocationConfiguration.Output;
            var keyName = parse.GetValue(name);
            var keys = services.GetRequiredService<ApiKeyService>();
            if (await keys.NameProblemAsync(keyName, ct) is { } problem)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"--name: {problem}");
                return 1;
            }

            var created = await keys.CreateAsync(keyName!, Actor, ct);
            await output.WriteLineAsync($"Created API key '{created.Key.Name}' (id {created.Key.Id}, starts {created.Key.Prefix}).");
            await output.WriteLineAsync("Send it in the X-Api-Key header. It is shown only this once: CreditRisk keeps only its hash.");
            await output.WriteLineAsync(created.Secret);
            return 0;
        }, ct));
        return command;
    }

    private static Command ListCommand(Func<IHost> buildHost)
    {
        var command = new Command("list", "List keys, newest first (never the keys themselves)");
        command.SetAction((parse, ct) => WithServicesAsync(buildHost, async services =>
        {
            var output = parse.InvocationConfiguration.Output;
            var keys = await services.GetRequiredService<ApiKeyService>().ListAsync(ct);
            if (keys.Count == 0)
            {
                await output.WriteLineAsync("No API keys. Create one with: creditrisk apikey create --name NAME");
                return 0;
            }

            await output.WriteLineAsync($"{"ID",-32}  {"PREFIX",-12}  {"CREATED (UTC)",-16}  {"LAST USED (UTC)",-16}  {"STATUS",-7}  NAME");
            foreach (var key in keys)
            {
                var status = key.RevokedAt is null ? "active" : "revoked";
                await output.WriteLineAsync(
                    $"{key.Id,-32}  {key.Prefix,-12}  {Format(key.CreatedAt),-16}  {Format(key.LastUsedAt),-16}  {status,-7}  {key.Name}");
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command RevokeCommand(Func<IHost> buildHost)
    {
        var id = new Option<string>("--id")
        {
            Description = "The key's id, as shown by 'apikey list'",
            Required = true,
        };
        var command = new Command("revoke", "Revoke a key; requests using it are refused from now on") { id };
        command.SetAction((parse, ct) => WithServicesAsync(buildHost, async services =>
        {
            var keyId = parse.GetValue(id)?.Trim() ?? "";
            if (!await services.GetRequiredService<ApiKeyService>().RevokeAsync(keyId, Actor, ct))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No active API key has the id '{keyId}'.");
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Revoked API key {keyId}.");
            return 0;
        }, ct));
        return command;
    }

    private static string Format(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm") ?? "never";

    private static async Task<int> WithServicesAsync(Func<IHost> buildHost, Func<IServiceProvider, Task<int>> body, CancellationToken ct)
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
