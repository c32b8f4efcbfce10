namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>One reason a CSV row was refused, naming the column as the file spells it (<c>merchant_category</c>).</summary>
/// <param name="Column">The snake_case column name, or <see cref="WholeRow"/> when the row as a whole is wrong.</param>
/// <param name="Reason">What is wrong, phrased to follow the column name ("must be exactly 4 digits").</param>
public sealed record CsvFieldError(string Column, string Reason)
{
    /// <summary>The column reported when the row as a whole is wrong (a wrong number of fields).</summary>
    public const string WholeRow = "(row)";
}
