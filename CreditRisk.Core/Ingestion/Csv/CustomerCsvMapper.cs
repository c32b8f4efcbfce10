namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>Maps a <c>customers.csv</c> row to a <see cref="CustomerInput"/> (see docs/data-formats.md).</summary>
public static class CustomerCsvMapper
{
    /// <summary>The columns a customers file must have, in the documented order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["customer_id", "full_name", "phone", "credit_limit", "opened_on", "whatsapp_opt_in"];

    /// <summary>Columns a customers file may add: the IANA time zone of quiet hours (empty = the configured default).</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = ["time_zone"];

    /// <summary>
    /// Reads the row; a value that cannot be parsed is left null and reported in <paramref name="errors"/> by column.
    /// Range and format rules are left to <see cref="IngestionValidator"/>.
    /// </summary>
    public static CustomerInput Map(CsvHeader header, CsvRow row, ICollection<CsvFieldError> errors)
    {
        var fields = new CsvFieldParser(header, row, errors);
        return new CustomerInput
        {
            CustomerId = fields.Text("customer_id"),
            FullName = fields.Text("full_name"),
            Phone = fields.Text("phone"),
            CreditLimit = fields.Amount("credit_limit"),
            OpenedOn = fields.Date("opened_on"),
            WhatsappOptIn = fields.Boolean("whatsapp_opt_in"),
            TimeZone = fields.Text("time_zone"),
        };
    }
}
