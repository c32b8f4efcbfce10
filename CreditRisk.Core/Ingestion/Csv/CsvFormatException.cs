namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>The file is not well-formed CSV (unterminated quote, wrong column count, missing header column).</summary>
public sealed class CsvFormatException(string message, long lineNumber, string? column = null) : Exception(message)
{
    public long LineNumber { get; } = lineNumber;

    public string? Column { get; } = column;
}
