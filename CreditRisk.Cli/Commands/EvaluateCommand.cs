using System.CommandLine;
using System.Text.Json;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>creditrisk evaluate --data DIR [--model VERSION]</c>: measures a registered version (the champion by default) on
/// every labelled row of the data directory and prints the same JSON as <c>train</c>.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(Func<IHost>? hostFactory = null)
    {
        var buildHost = hostFactory ?? (() => CliHost.Build());
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Directory with customers.csv, transactions.csv and/or statements.csv, and labels.csv",
            Required = true,
        };
        var model = new Option<string?>("--model") { Description = "Version id to evaluate (default: the champion)" };
        var command = new Command("evaluate", "Measure a registered model on labelled data without training") { data, model };
        command.SetAction((parse, ct) => parse.GetValue(data) is { Exists: false } missing
            // Before the store is opened and the model looked up: "no champion" for a mistyped directory misled.
            ? Refuse(parse, $"Data directory '{missing.FullName}' does not exist.")
            : CommandHost.RunAsync(buildHost, async services =>
        {
            try
            {
                var report = await services.GetRequiredService<EvaluationService>().EvaluateAsync(
                    parse.GetValue(data)!.FullName,
                    parse.GetValue(model),
                    services.GetRequiredService<IOptions<BandingOptions>>().Value,
                    ct);
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(report, CommandHost.Json));
                return 0;
            }
            catch (Exception e) when (e is TrainingDataException or ModelIncompatibleException or KeyNotFoundException or OptionsValidationException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return 1;
            }
        }, ct));
        return command;
    }

    private static async Task<int> Refuse(ParseResult parse, string message)
    {
        await parse.InvocationConfiguration.Error.WriteLineAsync(message);
        return 1;
    }
}
