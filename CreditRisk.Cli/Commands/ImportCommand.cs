using System.CommandLine;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Ingestion.Csv;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>creditrisk import --customers F --statements F --transactions F [--skip-invalid] [--batch-size N]</c>: loads
/// CSV files (docs/data-formats.md) through the same ingestion rules as the API; or <c>--snapshot F [--as-of DATE]</c>,
/// a customer-level snapshot (<see cref="SnapshotImport"/>). Summaries go to stdout, problems and the progress bar to
/// stderr.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Every named file was imported (under --skip-invalid, bad rows may have been set aside).</summary>
    public const int Success = 0;

    /// <summary>Bad arguments: no file named, a file that does not exist, a batch size out of range.</summary>
    public const int UsageError = 1;

    /// <summary>A bad row, header or CSV syntax: nothing was imported.</summary>
    public const int InvalidData = 2;

    /// <summary>Writing failed part-way; what was written stays and re-running is safe.</summary>
    public const int WriteFailed = 3;

    /// <param name="hostFactory">Builds the host (tests point it at a temporary store).</param>
    /// <param name="interactive">Whether stderr is a terminal (progress bar); null asks the console.</param>
    public static Command Create(Func<IHost>? hostFactory = null, bool? interactive = null)
    {
        var buildHost = hostFactory ?? (() => CliHost.Build());
        var customers = new Option<string?>("--customers") { Description = "customers.csv to import", HelpName = "FILE" };
        var statements = new Option<string?>("--statements") { Description = "statements.csv to import", HelpName = "FILE" };
        var transactions = new Option<string?>("--transactions") { Description = "transactions.csv to import", HelpName = "FILE" };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Import the good rows and write the bad ones, with reasons, to <file>.rejects.csv",
        };
        var batchSize = new Option<int?>("--batch-size")
        {
            Description = "Rows per write (default and maximum: Ingestion:MaxBatchSize, 1000)",
            HelpName = "N",
            CustomParser = WholeNumberOption.NullableParser("--batch-size"),
        };
        var snapshotFile = SnapshotImport.FileOption();
        var snapshotAsOf = SnapshotImport.AsOfOption();
        var command = new Command(
            "import",
            "Import customers, statements and transactions from CSV files (at least one). A bad row stops the import " +
            "with file, line, column and reason and nothing is imported, unless --skip-invalid. Importing again changes nothing.")
        {
            customers, statements, transactions, skipInvalid, batchSize, snapshotFile, snapshotAsOf,
        };

        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var request = new CsvImportRequest
            {
                CustomersPath = parse.GetValue(customers),
                StatementsPath = parse.GetValue(statements),
                TransactionsPath = parse.GetValue(transactions),
                SkipInvalid = parse.GetValue(skipInvalid),
                BatchSize = parse.GetValue(batchSize),
            };
            if (parse.GetValue(snapshotFile) is { } snapshot)
            {
                if (SnapshotImport.CheckArguments(snapshot, request) is { } wrong)
                {
                    await error.WriteLineAsync(wrong);
                    return UsageError;
                }

                var asOf = parse.GetValue(snapshotAsOf);
                return await CommandHost.RunAsync(
                    buildHost,
                    services => SnapshotImport.CheckAsOfAsync(services, asOf, error),
                    services => SnapshotImport.RunAsync(services, snapshot, asOf, parse.InvocationConfiguration, interactive ?? !Console.IsErrorRedirected, ct),
                    ct);
            }

            if (parse.GetValue(snapshotAsOf) is not null)
            {
                // The CSV files carry their own dates; it was ignored without a word.
                await error.WriteLineAsync("--as-of applies to --snapshot only.");
                return UsageError;
            }

            if (CheckFiles(request) is { } usage)
            {
                await error.WriteLineAsync(usage);
                return UsageError;
            }

            return await CommandHost.RunAsync(
                buildHost,
                services => CheckBatchSizeAsync(services, request, error),
                services => RunAsync(services, request, parse.InvocationConfiguration, interactive ?? !Console.IsErrorRedirected, ct),
                ct);
        });
        return command;
    }

    private static string? CheckFiles(CsvImportRequest request)
    {
        var files = request.Files();
        if (files.Count == 0)
        {
            return "Name at least one file: --customers FILE, --statements FILE and/or --transactions FILE (or --snapshot FILE).";
        }

        var missing = files.Where(f => !File.Exists(f.Path)).Select(f => f.Path).ToList();
        return missing.Count == 0 ? null : $"File not found: {string.Join(", ", missing)}";
    }

    /// <summary>The batch size against <see cref="IngestionOptions.MaxBatchSize"/>, read from configuration alone.</summary>
    private static async Task<int?> CheckBatchSizeAsync(IServiceProvider services, CsvImportRequest request, TextWriter error)
    {
        var max = services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxBatchSize;
        if (request.BatchSize is { } size && (size < 1 || size > max))
        {
            await error.WriteLineAsync($"--batch-size must be 1 to {max} (raise Ingestion:MaxBatchSize to allow more); it is {size}.");
            return UsageError;
        }

        return null;
    }

    private static async Task<int> RunAsync(
        IServiceProvider services, CsvImportRequest request, InvocationConfiguration console, bool interactive, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CsvImporter>();

        var bar = interactive ? new ImportProgressBar(console.Error, services.GetRequiredService<TimeProvider>()) : null;
        CsvImportReport report;
        try
        {
            report = await importer.ImportAsync(request, bar, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bar?.Clear();
            await console.Error.WriteLineAsync($"Cannot read a file or write its rejects file: {ex.Message} Nothing was imported.");
            return UsageError;
        }
        finally
        {
            bar?.Clear();
        }

        await console.Output.WriteLineAsync($"Store: {services.GetRequiredService<ICreditRiskStore>().Description}");
        foreach (var file in report.Files)
        {
            await console.Output.WriteLineAsync(ImportReportWriter.Summary(file));
        }

        foreach (var line in report.Files.SelectMany(f => ImportReportWriter.Problems(f, request.SkipInvalid)))
        {
            await console.Error.WriteLineAsync(line);
        }

        return report.Succeeded ? Success
            : report.Files.Any(f => f.Status == CsvFileStatus.Failed) ? WriteFailed
            : InvalidData;
    }
}
