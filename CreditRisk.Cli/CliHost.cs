using CreditRisk.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Cli;

/// <summary>
/// Builds the same services and configuration as the web app (appsettings.json linked from CreditRisk.Web,
/// appsettings.{Environment}.json, then environment variables), so a command sees the store the app uses.
/// </summary>
internal static class CliHost
{
    /// <param name="configure">Extra configuration sources added last (tests point the store at a temporary file).</param>
    /// <param name="services">Service changes after the core registrations (the bench's store timing).</param>
    public static IHost Build(Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        // The builder's default appsettings sources would watch the working directory, which usually holds the store
        // (data/creditrisk.db): every page the store writes woke a file-watcher thread (a few % of an import's CPU).
        // A command reads its configuration once; the sources are replaced below anyway.
        var initial = new ConfigurationManager();
        initial.AddInMemoryCollection(new Dictionary<string, string?> { ["hostBuilder:reloadConfigOnChange"] = "false" });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Configuration = initial,
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true)
            // The web app's Information default would print a line per ingested batch over a command's output;
            // commands default to warnings, and the environment can still turn logging up.
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" })
            .AddEnvironmentVariables();
        configure?.Invoke(builder.Configuration);
        // Commands talk to the user on stdout/stderr; framework chatter would corrupt JSON output.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCreditRiskCore(builder.Configuration);
        services?.Invoke(builder.Services);
        return builder.Build();
    }
}
