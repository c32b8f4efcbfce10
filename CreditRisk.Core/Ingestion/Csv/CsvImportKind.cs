namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>The kinds of file <see cref="CsvImporter"/> reads, in the order it imports them.</summary>
public enum CsvImportKind
{
    Customers,
    Statements,
    Transactions,
}
