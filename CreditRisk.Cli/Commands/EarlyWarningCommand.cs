using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Core.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>creditrisk early-warning --data DIR [--model VERSION] [--step-days 7] [--what-if 0.2:0.4,...] [--proposal FILE]</c>:
/// replays the data in time order through the real risk pipeline in temporary stores (the configured store is only read
/// for the model and the rule thresholds) and prints one JSON object with the lead-time measures; with a proposal, its
/// rule settings and cut-offs are replayed instead of those in force. Progress goes to stderr.
/// </summary>
internal static class EarlyWarningCommand
{
    public static Command Create(Func<IHost>? hostFactory = null)
    {
        var buildHost = hostFactory ?? (() => CliHost.Build());
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Directory with customers.csv, transactions.csv and/or statements.csv, and delinquency_events.csv",
            Required = true,
        };
        var model = new Option<string?>("--model") { Description = "Version id to score with (default: the champion; rules alone without one)" };
        var stepDays = new Option<int>("--step-days")
        {
            Description = "Days of data per replay step (1–31): new items go to the pipeline per step, idle customers are re-scored at its end",
            DefaultValueFactory = _ => 7,
            CustomParser = WholeNumberOption.Parser("--step-days"),
        };
        var whatIf = new Option<string?>("--what-if")
        {
            Description = "Other model cut-offs to measure on the same replay, as MEDIUM:HIGH pairs separated by commas, e.g. 0.2:0.4,0.25:0.5",
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Replay shards run at once, each with its own temporary store (default: the processor count)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            CustomParser = WholeNumberOption.Parser("--parallel"),
        };
        var proposal = new Option<FileInfo?>("--proposal")
        {
            Description = "JSON file with a change to replay instead of the settings in force: "
                + "{\"rules\": {\"utilisationHighPct\": 95, ...}, \"cutoffs\": {\"mediumFrom\": 0.1, \"highFrom\": 0.3}}, either part optional",
        };
        var workDir = new Option<DirectoryInfo?>("--work-dir")
        {
            Description = "Where the temporary stores go (default /dev/shm when it has room, else the temporary directory)",
        };
        var command = new Command("early-warning", "Replay data through the risk pipeline and measure how early delinquent customers were flagged")
        {
            data, model, stepDays, whatIf, proposal, parallel, workDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Checked before the store is opened: a typo is reported as itself (not as a store another process holds),
            // and leaves no new store file behind.
            var error = parse.InvocationConfiguration.Error;
            var days = parse.GetValue(stepDays);
            if (days is < 1 or > 31)
            {
                await error.WriteLineAsync($"--step-days must be between 1 and 31, not {days}.");
                return 2;
            }

            var shards = parse.GetValue(parallel);
            if (shards < 1)
            {
                await error.WriteLineAsync($"--parallel must be at least 1, not {shards}.");
                return 2;
            }

            if (!TryParseCutoffs(parse.GetValue(whatIf), out var cutoffs, out var problem))
            {
                await error.WriteLineAsync($"--what-if: {problem}");
                return 2;
            }

            if (parse.GetValue(data) is { Exists: false } missing)
            {
                await error.WriteLineAsync($"Data directory '{missing.FullName}' does not exist.");
                return 1;
            }

            if (WorkDirectoryProblem(parse.GetValue(workDir)) is { } workProblem)
            {
                await error.WriteLineAsync($"--work-dir: {workProblem}");
                return 2;
            }

            return await CommandHost.RunAsync(buildHost, services => RunAsync(services, parse, days, shards, cutoffs, ct), ct);
        });
        return command;

        async Task<int> RunAsync(IServiceProvider services, ParseResult parse, int days, int shards, List<BandCutoffs> cutoffs, CancellationToken ct)
        {
            var error = parse.InvocationConfiguration.Error;
            var proposed = await ReadProposalAsync(parse.GetValue(proposal), services, ct);
            if (proposed.Problem is { } proposalProblem)
            {
                await error.WriteLineAsync($"--proposal: {proposalProblem}");
                return 2;
            }

            try
            {
                var report = await services.GetRequiredService<EarlyWarningService>().RunAsync(new EarlyWarningRequest
                {
                    DataDirectory = parse.GetValue(data)!.FullName,
                    ModelVersion = parse.GetValue(model),
                    StepDays = days,
                    WhatIf = cutoffs,
                    Proposal = proposed.Proposal,
                    Parallelism = shards,
                    WorkDirectory = parse.GetValue(workDir)?.FullName,
                }, new Progress(error), ct);
                if (report.ModelVersion is null)
                {
                    await error.WriteLineAsync("No champion model is registered: the expert rules alone were replayed.");
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(report, CommandHost.Json));
                return 0;
            }
            catch (Exception e) when (e is TrainingDataException or ModelIncompatibleException or KeyNotFoundException or OptionsValidationException)
            {
                await error.WriteLineAsync(e.Message);
                return 1;
            }
        }
    }

    /// <summary>The proposal in <paramref name="file"/>, its rules laid over those in force; none without a file.</summary>
    internal static async Task<(RiskProposal? Proposal, string? Problem)> ReadProposalAsync(FileInfo? file, IServiceProvider services, CancellationToken ct)
    {
        if (file is null)
        {
            return (null, null);
        }

        if (!file.Exists)
        {
            return (null, $"file '{file.FullName}' does not exist.");
        }

        string json;
        try
        {
            json = await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"file '{file.FullName}' cannot be read: {e.Message}");
        }

        var current = await services.GetRequiredService<RuleSettingsService>().GetAsync(ct);
        return RiskProposalReader.TryParse(json, current.Settings, out var parsed, out var problem) ? (parsed, null) : (null, problem);
    }

    /// <summary>
    /// Parses <c>M:H,M:H</c>; each pair needs 0 ≤ M &lt; H ≤ 1. <c>double.TryParse</c> reads "NaN", which every comparison lets through, so finiteness is checked on its own: a NaN cut-off was replayed
    /// and only failed when the report was written as JSON.
    /// </summary>
    internal static bool TryParseCutoffs(string? text, out List<BandCutoffs> cutoffs, out string? problem)
    {
        cutoffs = [];
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(':');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var medium)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
                || !double.IsFinite(medium) || !double.IsFinite(high)
                || medium < 0 || high > 1 || medium >= high)
            {
                problem = $"'{pair}' is not MEDIUM:HIGH with 0 ≤ MEDIUM < HIGH ≤ 1.";
                return false;
            }

            cutoffs.Add(new BandCutoffs(medium, high));
        }

        return true;
    }

    /// <summary>
    /// Why the temporary stores cannot go under <paramref name="directory"/>, or null when they can (it is created when
    /// missing, as the replay would). Checked before replaying: the replay only found out when opening its first store,
    /// and failed with a stack trace.
    /// </summary>
    internal static string? WorkDirectoryProblem(DirectoryInfo? directory)
    {
        if (directory is null)
        {
            return null;
        }

        if (File.Exists(directory.FullName))
        {
            return $"'{directory.FullName}' is a file, not a directory.";
        }

        try
        {
            Directory.CreateDirectory(directory.FullName);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"'{directory.FullName}' cannot be created: {e.Message}";
        }
    }

    /// <summary>Progress lines on stderr, written as they come (stdout carries only the JSON).</summary>
    private sealed class Progress(TextWriter error) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (error)
            {
                error.WriteLine(value);
            }
        }
    }
}
