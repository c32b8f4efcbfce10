using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// Imports customers, statements and transactions from CSV files (docs/data-formats.md) through
/// <see cref="IngestionService"/>, so the API's rules, bulk writes and listeners apply alike.
/// <para>
/// Every file is read twice and never held in memory. Pass 1 checks every row of every file (parsing, the
/// shared validator, unknown customers looked up in batches, keys repeated within a file) and writes nothing;
/// customers in the customers file count as known to the other files. Only when no file has a bad row (or with
/// <see cref="CsvImportRequest.SkipInvalid"/>, which sets bad rows aside in <c>&lt;file&gt;.rejects.csv</c>) does
/// pass 2 write the files in batches: customers, then statements, then transactions. Customers and statements are
/// upserted and transactions inserted only when new, so importing the same files again changes nothing.
/// </para>
/// </summary>
public sealed class CsvImporter(
    IngestionService ingestion,
    IngestionValidator validator,
    ICreditRiskStore store,
    IOptions<IngestionOptions> options,
    TimeProvider time)
{
    /// <summary>Where the bad rows of <paramref name="csvPath"/> go under --skip-invalid: <c>&lt;file&gt;.rejects.csv</c>.</summary>
    public static string RejectsPathFor(string csvPath) => CsvRejectsWriter.PathFor(csvPath);

    /// <summary>The most rows per write (<see cref="IngestionOptions.MaxBatchSize"/>), and the default.</summary>
    private int MaxBatchSize => options.Value.MaxBatchSize;

    /// <summary>
    /// Runs the import. Bad data is reported in the result, not thrown; an unreadable file throws
    /// <see cref="IOException"/> (or <see cref="UnauthorizedAccessException"/>) before anything is written.
    /// </summary>
    /// <exception cref="ArgumentException">No file named, or a batch size outside 1..<see cref="MaxBatchSize"/>.</exception>
    public async Task<CsvImportReport> ImportAsync(
        CsvImportRequest request, IProgress<CsvImportProgress>? progress = null, CancellationToken ct = default)
    {
        var files = request.Files();
        if (files.Count == 0)
        {
            throw new ArgumentException("Name at least one file to import.", nameof(request));
        }

        var batchSize = request.BatchSize ?? MaxBatchSize;
        if (batchSize < 1 || batchSize > MaxBatchSize)
        {
            throw new ArgumentException(
                $"The batch size must be 1 to {MaxBatchSize} ({IngestionOptions.SectionName}:{nameof(IngestionOptions.MaxBatchSize)}); it is {batchSize}.",
                nameof(request));
        }

        var context = new CsvImportContext(
            ingestion, validator, store, new CustomerDirectory(store.Customers), time, progress, request.SkipInvalid, batchSize);
        var imports = files.Select(f => Create(f.Kind, f.Path, context)).ToList();

        var proceed = true;
        foreach (var import in imports)
        {
            proceed = proceed && await import.ValidateAsync(ct);
        }

        foreach (var import in imports)
        {
            proceed = proceed && await import.WriteAsync(ct);
        }

        return new CsvImportReport([.. imports.Select(i => i.Report())]);
    }

    private static ICsvFileImport Create(CsvImportKind kind, string path, CsvImportContext context) => kind switch
    {
        CsvImportKind.Customers => new CsvFileImport<CustomerInput>(new CustomersCsvFormat(), path, context),
        CsvImportKind.Statements => new CsvFileImport<StatementInput>(new StatementsCsvFormat(), path, context),
        CsvImportKind.Transactions => new CsvFileImport<TransactionInput>(new TransactionsCsvFormat(), path, context),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
