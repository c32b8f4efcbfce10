namespace CreditRisk.Core.Ingestion.Csv;

internal sealed class TransactionsCsvFormat : CsvImportFormat<TransactionInput>
{
    public override CsvImportKind Kind => CsvImportKind.Transactions;

    public override IReadOnlyList<string> Columns => TransactionCsvMapper.Columns;

    public override string RepeatColumn => "transaction_id";

    public override string RepeatNoun => "transaction id";

    public override TransactionInput Map(CsvHeader header, CsvRow row, ICollection<CsvFieldError> errors) =>
        TransactionCsvMapper.Map(header, row, errors);

    public override IReadOnlyList<IngestionError> Validate(IngestionValidator validator, TransactionInput input, DateTimeOffset now) =>
        validator.Validate(input, 0, now).Errors;

    public override string? RepeatKey(TransactionInput input) =>
        IngestionValidator.IsValidId(input.TransactionId) ? input.TransactionId : null;

    public override string? CustomerReference(TransactionInput input) => input.CustomerId;

    public override async Task<CsvBatchWrite> WriteAsync(IngestionService ingestion, IReadOnlyList<TransactionInput> batch, CancellationToken ct)
    {
        var result = await ingestion.IngestTransactionsAsync(batch, ct);
        var differing = result.Items.Select((t, i) => (t.DiffersFromStored, Index: i)).Where(t => t.DiffersFromStored).ToList();
        return new CsvBatchWrite(
            result.Errors, result.Items.Count, result.Items.Count(t => !t.Duplicate), differing.Count, differing.Count > 0 ? differing[0].Index : null);
    }
}
