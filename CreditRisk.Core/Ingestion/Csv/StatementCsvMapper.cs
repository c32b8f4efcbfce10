namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>Maps a <c>statements.csv</c> row to a <see cref="StatementInput"/> (see docs/data-formats.md).</summary>
public static class StatementCsvMapper
{
    /// <summary>The columns a statements file must have, in the documented order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["customer_id", "statement_date", "credit_limit", "balance", "minimum_due", "due_date", "amount_paid", "paid_on", "days_past_due"];

    /// <summary>
    /// Reads the row; a value that cannot be parsed is left null and reported in <paramref name="errors"/> by column.
    /// Range and format rules are left to <see cref="IngestionValidator"/>.
    /// </summary>
    public static StatementInput Map(CsvHeader header, CsvRow row, ICollection<CsvFieldError> errors)
    {
        var fields = new CsvFieldParser(header, row, errors);
        return new StatementInput
        {
            CustomerId = fields.Text("customer_id"),
            StatementDate = fields.Date("statement_date"),
            CreditLimit = fields.Amount("credit_limit"),
            Balance = fields.Amount("balance"),
            MinimumDue = fields.Amount("minimum_due"),
            DueDate = fields.Date("due_date"),
            AmountPaid = fields.Amount("amount_paid"),
            PaidOn = fields.Date("paid_on"),
            DaysPastDue = fields.Integer("days_past_due"),
        };
    }
}
