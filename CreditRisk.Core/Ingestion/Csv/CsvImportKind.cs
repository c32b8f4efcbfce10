namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>The kinds of file <see cref="CsvImporter"/> reads, in the order it imports them.</summary>
public enum CsvImportKind
{
    Customers,
    Statements,
    Transactions,

    /// <summary>A customer-level snapshot (one row per customer, already aggregated); imported on its own.</summary>
    Snapshot,
}
