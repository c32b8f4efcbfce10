namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>Maps a <c>transactions.csv</c> row to a <see cref="TransactionInput"/> (see docs/data-formats.md).</summary>
public static class TransactionCsvMapper
{
    /// <summary>The columns a transactions file must have, in the documented order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["transaction_id", "customer_id", "timestamp", "amount", "type", "merchant_category", "merchant_id", "channel"];

    /// <summary>
    /// Reads the row; a value that cannot be parsed is left null and reported in <paramref name="errors"/> by column.
    /// Range and format rules are left to <see cref="IngestionValidator"/>.
    /// </summary>
    public static TransactionInput Map(CsvHeader header, CsvRow row, ICollection<CsvFieldError> errors)
    {
        var fields = new CsvFieldParser(header, row, errors);
        return new TransactionInput
        {
            TransactionId = fields.Text("transaction_id"),
            CustomerId = fields.Text("customer_id"),
            Timestamp = fields.Timestamp("timestamp"),
            Amount = fields.Amount("amount"),
            Type = fields.Text("type"),
            MerchantCategory = fields.Text("merchant_category"),
            MerchantId = fields.Text("merchant_id"),
            Channel = fields.Text("channel"),
        };
    }
}
