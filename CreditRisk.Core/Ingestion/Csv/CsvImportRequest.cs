namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>What to import: any subset of the three files (at least one), and how.</summary>
public sealed record CsvImportRequest
{
    /// <summary>Path of a <c>customers.csv</c> file, or null.</summary>
    public string? CustomersPath { get; init; }

    /// <summary>Path of a <c>statements.csv</c> file, or null.</summary>
    public string? StatementsPath { get; init; }

    /// <summary>Path of a <c>transactions.csv</c> file, or null.</summary>
    public string? TransactionsPath { get; init; }

    /// <summary>
    /// When true, bad rows go to <c>&lt;file&gt;.rejects.csv</c> and the rest is imported; when false (the default)
    /// one bad row means nothing is imported.
    /// </summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Rows per write; null means <see cref="IngestionOptions.MaxBatchSize"/> (default 1000), which is also the most allowed.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The files named, in import order: customers, then statements, then transactions.</summary>
    public IReadOnlyList<(CsvImportKind Kind, string Path)> Files() =>
    [
        .. new (CsvImportKind Kind, string? Path)[]
            {
                (CsvImportKind.Customers, CustomersPath),
                (CsvImportKind.Statements, StatementsPath),
                (CsvImportKind.Transactions, TransactionsPath),
            }
            .Where(f => f.Path is not null)
            .Select(f => (f.Kind, f.Path!)),
    ];
}
