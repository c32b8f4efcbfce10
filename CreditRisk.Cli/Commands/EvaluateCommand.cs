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
/// <c>creditrisk evaluate --data DIR [--model VERSION] [--labels auto|file|early-warning]</c>: measures a registered
/// version (the champion by default) on every labelled row of the data directory, against the labels it was trained on
/// unless <c>--labels</c> names others, and prints the same JSON as <c>train</c> with the labels used.
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
        var labels = LabelsOption.Create("Labels to measure against. Default: the ones the model was trained on (auto for a version that does not record them).");
        var command = new Command("evaluate", "Measure a registered model on labelled data without training") { data, model, labels };
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
                    LabelsOption.Value(parse, labels),
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
