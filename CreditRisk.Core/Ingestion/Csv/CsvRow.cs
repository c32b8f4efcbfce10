namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>One data record of a CSV file and the (1-based) line it starts on, for error messages.</summary>
public readonly record struct CsvRow(long LineNumber, string[] Fields);
