using System.CommandLine;
using System.Globalization;
using CreditRisk.Core.Ingestion.Csv;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>creditrisk import --snapshot FILE [--as-of DATE]</c>: the snapshot half of <see cref="ImportCommand"/>, with its
/// exit codes, summary line and problem lines (file:line: column: reason).
/// </summary>
internal static class SnapshotImport
{
    public static Option<string?> FileOption() => new("--snapshot")
    {
        Description = "A customer-level snapshot CSV to import (docs/data-formats.md); imported on its own",
        HelpName = "FILE",
    };

    public static Option<DateOnly?> AsOfOption() => new("--as-of")
    {
        Description = "The day the snapshot's values speak for, yyyy-MM-dd (default: today, UTC)",
        HelpName = "DATE",
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            r.AddError($"--as-of must be a date in the form yyyy-MM-dd (got '{text}').");
            return null;
        },
    };

    /// <summary>Why the arguments cannot run, or null.</summary>
    public static string? CheckArguments(string path, CsvImportRequest others)
    {
        if (others.Files().Count > 0)
        {
            return "Import a snapshot on its own: --snapshot cannot be combined with --customers, --statements or --transactions.";
        }

        if (others.SkipInvalid)
        {
            return "--skip-invalid does not apply to a snapshot: a snapshot is imported whole or not at all.";
        }

        if (others.BatchSize is not null)
        {
            return "--batch-size does not apply to a snapshot: its batches are Snapshots:ImportBatchSize.";
        }

        return System.IO.File.Exists(path) ? null : $"File not found: {path}";
    }

    /// <summary>A day after today (by the configured clock) is refused before the store is opened.</summary>
    public static async Task<int?> CheckAsOfAsync(IServiceProvider services, DateOnly? asOf, TextWriter error)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (asOf is { } day && SnapshotImporter.AsOfProblem(day, now) is { } future)
        {
            await error.WriteLineAsync($"--as-of: {future} Nothing was imported.");
            return ImportCommand.UsageError;
        }

        return null;
    }

    public static async Task<int> RunAsync(
        IServiceProvider services, string path, DateOnly? asOf, InvocationConfiguration console, bool interactive, CancellationToken ct)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var bar = interactive ? new ImportProgressBar(console.Error, time) : null;
        SnapshotImportReport report;
        try
        {
            report = await services.GetRequiredService<SnapshotImporter>().ImportAsync(path, asOf, bar, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bar?.Clear();
            await console.Error.WriteLineAsync($"Cannot read the snapshot: {ex.Message} Nothing was imported.");
            return ImportCommand.UsageError;
        }
        finally
        {
            bar?.Clear();
        }

        await console.Output.WriteLineAsync($"Store: {services.GetRequiredService<ICreditRiskStore>().Description}");
        await console.Output.WriteLineAsync($"{ImportReportWriter.Summary(report.File)}; as of {report.AsOf:yyyy-MM-dd}");
        foreach (var problem in report.Problems)
        {
            await console.Error.WriteLineAsync(problem.Describe(path));
        }

        if (report.File.Rejected > report.Problems.Select(p => p.Line).Distinct().Count())
        {
            await console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"  ({report.File.Rejected:N0} bad rows in all; the first {SnapshotFile.MaxProblemsKept} problems are listed)"));
        }

        if (report.File.Status == CsvFileStatus.Invalid)
        {
            await console.Error.WriteLineAsync("  Nothing was imported. Fix the rows and import the file again.");
        }

        return report.Succeeded ? ImportCommand.Success
            : report.File.Status == CsvFileStatus.Failed ? ImportCommand.WriteFailed
            : ImportCommand.InvalidData;
    }
}
