using System.CommandLine;
using System.Reflection;

namespace CreditRisk.Cli.Commands;

/// <summary><c>creditrisk version</c>: prints the build's version, so bug reports can name it.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the CreditRisk version");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            Console.WriteLine(version);
            return 0;
        });
        return command;
    }
}
