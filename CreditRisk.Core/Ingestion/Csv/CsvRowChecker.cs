namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// Pass-1 checks of one row that need nothing but the row and the rows before it: field count, parsing, the shared
/// <see cref="IngestionValidator"/>, and keys repeated within the file. Unknown customers are checked per batch
/// afterwards (<see cref="CustomerDirectory"/>).
/// </summary>
internal sealed class CsvRowChecker<TInput>(
    CsvImportFormat<TInput> format, CsvHeader header, IngestionValidator validator, DateTimeOffset now)
    where TInput : class
{
    private readonly RepeatTracker _repeats = new();

    public CheckedRow<TInput> Check(CsvRow row)
    {
        var errors = new List<CsvFieldError>();
        if (row.Fields.Length != header.ColumnCount)
        {
            errors.Add(new CsvFieldError(CsvFieldError.WholeRow, $"has {row.Fields.Length} fields; the header has {header.ColumnCount}"));
            return new CheckedRow<TInput>(row, null, errors, IsRepeat: false, CustomerReference: null);
        }

        var input = format.Map(header, row, errors);
        var unparsed = errors.Select(e => e.Column).ToHashSet(StringComparer.Ordinal);
        foreach (var error in format.Validate(validator, input, now))
        {
            var column = CsvColumnNames.FromWireField(error.Field);
            // The validator sees a value that would not parse as missing; the parse error already says why.
            if (!unparsed.Contains(column))
            {
                errors.Add(new CsvFieldError(column, error.Message));
            }
        }

        var isRepeat = false;
        if (format.RepeatKey(input) is { } key)
        {
            var check = _repeats.Check(key, row.Fields, row.LineNumber);
            if (check.IsRepeat && check.Identical)
            {
                isRepeat = true;
            }
            else if (check.IsRepeat)
            {
                errors.Add(new CsvFieldError(format.RepeatColumn, $"repeats the {format.RepeatNoun} of line {check.FirstLine} with different values"));
            }
        }

        var customer = format.CustomerReference(input);
        return new CheckedRow<TInput>(row, input, errors, isRepeat, IngestionValidator.IsValidId(customer) ? customer : null);
    }

    /// <summary>Errors in the order of the file's columns, a whole-row error first.</summary>
    public IReadOnlyList<CsvFieldError> InColumnOrder(IReadOnlyList<CsvFieldError> errors) =>
        [.. errors.OrderBy(e => e.Column == CsvFieldError.WholeRow ? -1 : header.IndexOf(e.Column))];
}

/// <summary>A row after the pass-1 checks.</summary>
/// <param name="Row">The row as read, kept for the rejects file.</param>
/// <param name="Errors">Everything wrong with it; may still grow when its customer turns out unknown.</param>
/// <param name="Input">The parsed row; null when it has the wrong number of fields.</param>
/// <param name="IsRepeat">Identical to an earlier row: written once, so this one is skipped.</param>
/// <param name="CustomerReference">The well-formed customer id the row refers to, to be looked up.</param>
internal sealed record CheckedRow<TInput>(
    CsvRow Row, TInput? Input, List<CsvFieldError> Errors, bool IsRepeat, string? CustomerReference)
    where TInput : class;
