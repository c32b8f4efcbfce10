using System.CommandLine;
using CreditRisk.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Tests.Cli;

/// <summary>Runs one CLI command in this process over the given settings, capturing what it prints.</summary>
internal static class InProcessCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        Func<Func<IHost>, Command> command, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(command(() => CliHost.Build(config => config.AddInMemoryCollection(settings))));
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
