using System.CommandLine;
using CreditRisk.Cli.Commands;
using CreditRisk.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CreditRisk.Tests.Cli;

/// <summary>
/// Runs <c>train</c> and <c>evaluate</c> as the CLI does, against a SQLite store in <paramref name="storeDirectory"/>
/// (<c>store.db</c>), with a small challenger so a training takes seconds.
/// </summary>
internal sealed class TrainEvaluateCli(string storeDirectory)
{
    public string StorePath { get; } = Path.Combine(storeDirectory, "store.db");

    public Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(null, args);

    public async Task<(int Code, string Stdout, string Stderr)> RunAsync(Dictionary<string, string?>? settings, params string[] args)
    {
        IHost BuildHost()
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:SqlitePath"] = StorePath,
                ["Models:ChallengerTrees"] = "20",
            });
            builder.Configuration.AddInMemoryCollection(settings ?? []);
            builder.Services.AddCreditRiskCore(builder.Configuration);
            return builder.Build();
        }

        var root = new RootCommand { TrainCommand.Create(BuildHost), EvaluateCommand.Create(BuildHost) };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
