using System.Globalization;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// Reads typed values from one row. An empty field gives null (the validator then decides whether the column is
/// required); text that cannot be parsed gives null too and adds an error naming the column, so the validator's
/// "is required" for that column can be dropped in favour of the real reason.
/// </summary>
internal sealed class CsvFieldParser(CsvHeader header, CsvRow row, ICollection<CsvFieldError> errors)
{
    public string? Text(string column) => header.Get(row, column);

    public decimal? Amount(string column) =>
        Parse<decimal>(column, WireFormat.TryParseAmount, "must be a number with '.' as the decimal point, no thousands separators and at most 28 digits, e.g. 1234.50");

    public int? Integer(string column) =>
        Parse(column, (string? text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value), "must be a whole number");

    public DateOnly? Date(string column) =>
        Parse<DateOnly>(column, WireFormat.TryParseDate, "must be a date written yyyy-MM-dd, e.g. 2026-03-01");

    public DateTimeOffset? Timestamp(string column) =>
        Parse<DateTimeOffset>(column, WireFormat.TryParseTimestamp, "must be an ISO-8601 timestamp with an offset or Z, e.g. 2026-03-01T14:22:05Z");

    public bool? Boolean(string column) => Parse<bool>(column, TryParseBoolean, "must be true or false (or 1 or 0)");

    private static bool TryParseBoolean(string? text, out bool value)
    {
        switch (text?.ToLowerInvariant())
        {
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private T? Parse<T>(string column, TryParse<T> tryParse, string reason)
        where T : struct
    {
        var text = header.Get(row, column);
        if (WireFormat.IsEmpty(text))
        {
            return null;
        }

        // Spreadsheet exports often pad cells; the padding carries no meaning.
        if (tryParse(text.Trim(), out var value))
        {
            return value;
        }

        errors.Add(new CsvFieldError(column, reason));
        return null;
    }

    private delegate bool TryParse<T>(string? text, out T value);
}
