using CreditRisk.Core.Persistence;
using CreditRisk.Core.Statements;

namespace CreditRisk.Core.Ingestion.Csv;

internal sealed class StatementsCsvFormat : CsvImportFormat<StatementInput>
{
    public override CsvImportKind Kind => CsvImportKind.Statements;

    public override IReadOnlyList<string> Columns => StatementCsvMapper.Columns;

    public override string RepeatColumn => "statement_date";

    public override string RepeatNoun => "statement for this customer and date";

    public override StatementInput Map(CsvHeader header, CsvRow row, ICollection<CsvFieldError> errors) =>
        StatementCsvMapper.Map(header, row, errors);

    public override IReadOnlyList<IngestionError> Validate(IngestionValidator validator, StatementInput input, DateTimeOffset now) =>
        validator.Validate(input, 0, now).Errors;

    public override string? RepeatKey(StatementInput input) =>
        IngestionValidator.IsValidId(input.CustomerId) && input.StatementDate is { } date
            ? Statement.KeyFor(input.CustomerId!, date)
            : null;

    public override string? CustomerReference(StatementInput input) => input.CustomerId;

    public override async Task<CsvBatchWrite> WriteAsync(IngestionService ingestion, IReadOnlyList<StatementInput> batch, CancellationToken ct)
    {
        var result = await ingestion.IngestStatementsAsync(batch, ct);
        return result.Accepted && !result.ListenersSucceeded
            ? new CsvBatchWrite(
                [new IngestionError(null, IngestionError.Whole, "these statements are stored, but the customers' risk could not be updated from them; import the file again")],
                result.Items.Count,
                New: null)
            : new CsvBatchWrite(result.Errors, result.Items.Count, New: null);
    }

    public override Task<long> CountStoredAsync(ICreditRiskStore store, CancellationToken ct) => store.Statements.CountAsync(ct);
}
