namespace CreditRisk.Core.Ingestion.Csv;

internal sealed class CustomersCsvFormat : CsvImportFormat<CustomerInput>
{
    public override CsvImportKind Kind => CsvImportKind.Customers;

    public override IReadOnlyList<string> Columns => CustomerCsvMapper.Columns;

    public override IReadOnlyList<string> OptionalColumns => CustomerCsvMapper.OptionalColumns;

    public override string RepeatColumn => "customer_id";

    public override string RepeatNoun => "customer id";

    public override CustomerInput Map(CsvHeader header, CsvRow row, ICollection<CsvFieldError> errors) =>
        CustomerCsvMapper.Map(header, row, errors);

    public override IReadOnlyList<IngestionError> Validate(IngestionValidator validator, CustomerInput input, DateTimeOffset now) =>
        validator.Validate(input, 0, now).Errors;

    public override string? RepeatKey(CustomerInput input) =>
        IngestionValidator.IsValidId(input.CustomerId) ? input.CustomerId : null;

    public override string? DefinedCustomer(CustomerInput input) => input.CustomerId;

    public override string? PhoneOf(CustomerInput input) => input.Phone;

    public override async Task<CsvBatchWrite> WriteAsync(IngestionService ingestion, IReadOnlyList<CustomerInput> batch, CancellationToken ct)
    {
        var result = await ingestion.IngestCustomersAsync(batch, ct);
        return new CsvBatchWrite(result.Errors, result.Items.Count, result.Items.Count(c => c.Created));
    }
}
