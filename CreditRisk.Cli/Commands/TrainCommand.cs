using System.CommandLine;
using System.Globalization;
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
/// <c>creditrisk train --data DIR [--holdout 0.3] [--seed 42] [--promote]</c>: trains a version on the data directory,
/// registers it in the configured store, and prints one JSON object with hold-out measures per model. With
/// <c>--snapshot FILE [--label-from 1]</c> instead of <c>--data</c>, trains a snapshot model on a customer-level
/// snapshot (label "DPD bucket next month ≥ N"), reported the same way.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(Func<IHost>? hostFactory = null)
    {
        var buildHost = hostFactory ?? (() => CliHost.Build());
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Directory with customers.csv, transactions.csv and/or statements.csv, and labels.csv (or --snapshot)",
        };
        var snapshot = new Option<FileInfo?>("--snapshot")
        {
            Description = "Train a snapshot model on a customer-level snapshot CSV instead of --data (docs/data-formats.md)",
            HelpName = "FILE",
        };
        var labelFrom = new Option<int?>("--label-from")
        {
            Description = "With --snapshot: the label is 'DPD bucket next month >= N', N = 1 (default, Snapshots:LabelFromBucket), 2 or 3",
            HelpName = "N",
            CustomParser = WholeNumberOption.NullableParser("--label-from"),
        };
        var holdout = new Option<double>("--holdout")
        {
            Description = "Share of customers held out for the measures (0–1, exclusive)",
            DefaultValueFactory = _ => 0.3,
            CustomParser = ShareOption.Parser("--holdout"),
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the split and the trainers",
            DefaultValueFactory = _ => 42,
            CustomParser = WholeNumberOption.Parser("--seed"),
        };
        var promote = new Option<bool>("--promote") { Description = "Make the new version the champion" };
        var labels = LabelsOption.Create("Labels to fit. Default auto.");
        labels.DefaultValueFactory = _ => TrainingLabelNames.Auto;
        var holdoutIds = new Option<FileInfo?>("--write-holdout")
        {
            Description = "With --snapshot: write the held-out customer ids to FILE, to measure another tool on the same split",
            HelpName = "FILE",
        };
        var command = new Command("train", "Train logistic regression, decision tree, their ensemble and a boosted challenger; register the version")
        {
            data, holdout, seed, promote, labels, snapshot, labelFrom, holdoutIds,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Before the store is opened: a typo is reported as itself, not as "store in use" or a connect timeout,
            // and leaves no store file behind.
            if (ArgumentError(parse, holdout, data, snapshot, labelFrom, holdoutIds, labels) is { } refusal)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(refusal.Message);
                return refusal.Code;
            }

            return await CommandHost.RunAsync(buildHost, services => RunAsync(services, parse, ct), ct);
        });
        return command;

        async Task<int> RunAsync(IServiceProvider services, ParseResult parse, CancellationToken ct)
        {
            var error = parse.InvocationConfiguration.Error;
            var share = parse.GetValue(holdout);
            var snapshotFile = parse.GetValue(snapshot);
            try
            {
                var banding = services.GetRequiredService<IOptions<BandingOptions>>().Value;
                if (snapshotFile is not null)
                {
                    return await SnapshotTraining.RunAsync(services, snapshotFile, parse.GetValue(labelFrom), new TrainingRequest
                    {
                        HoldoutShare = share,
                        Seed = parse.GetValue(seed),
                        Promote = parse.GetValue(promote),
                        CreatedBy = $"cli:{Environment.UserName}",
                        Cutoffs = banding.Pinned,
                        Budget = banding.Budget,
                    }, parse.GetValue(holdoutIds), parse.InvocationConfiguration, ct);
                }

                var report = await services.GetRequiredService<TrainingService>().TrainAsync(new TrainingRequest
                {
                    DataDirectory = parse.GetValue(data)!.FullName,
                    HoldoutShare = share,
                    Seed = parse.GetValue(seed),
                    Promote = parse.GetValue(promote),
                    Labels = LabelsOption.Value(parse, labels) ?? TrainingLabels.Auto,
                    CreatedBy = $"cli:{Environment.UserName}",
                    Cutoffs = banding.Pinned,
                    Budget = banding.Budget,
                }, ct);
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(report, CommandHost.Json));
                return 0;
            }
            catch (Exception e) when (e is TrainingDataException or ModelIncompatibleException or OptionsValidationException)
            {
                await error.WriteLineAsync(e.Message);
                return 1;
            }
        }
    }

    /// <summary>What is wrong with the arguments, with the exit code to give (2: options that do not go together), or null.</summary>
    private static (string Message, int Code)? ArgumentError(
        ParseResult parse, Option<double> holdout, Option<DirectoryInfo> data, Option<FileInfo?> snapshot, Option<int?> labelFrom, Option<FileInfo?> holdoutIds,
        Option<string> labels)
    {
        var share = parse.GetValue(holdout);
        var snapshotFile = parse.GetValue(snapshot);
        var directory = parse.GetValue(data);
        var holdoutFile = parse.GetValue(holdoutIds);
        return share is <= 0 or >= 1 ? (string.Create(CultureInfo.InvariantCulture, $"--holdout must be between 0 and 1 (exclusive), not {share}."), 2)
            : (snapshotFile is null) == (directory is null) ? ("Name what to train on: either --data DIR or --snapshot FILE.", 2)
            : parse.GetValue(labelFrom) is { } from && (from is < 1 or > 3 || snapshotFile is null)
                ? (snapshotFile is null ? "--label-from applies to --snapshot only." : $"--label-from must be 1, 2 or 3, not {from}.", 2)
            // It wrote nothing and said nothing.
            : holdoutFile is not null && snapshotFile is null ? ("--write-holdout applies to --snapshot only.", 2)
            : parse.GetResult(labels) is { Implicit: false } && snapshotFile is not null
                ? ("--labels applies to --data only: a snapshot's labels are its later buckets (--label-from).", 2)
            // Checked before training: the version would be registered (and promoted) before the list failed to write.
            : holdoutFile is { Directory.Exists: false } ? ($"The directory of --write-holdout '{holdoutFile.DirectoryName}' does not exist.", 2)
            : directory is { Exists: false } ? ($"Data directory '{directory.FullName}' does not exist.", 1)
            : snapshotFile is { Exists: false } ? ($"File not found: {snapshotFile.FullName}", 2)
            : null;
    }
}
