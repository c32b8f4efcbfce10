using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Ingestion.Csv;
using static CreditRisk.Tests.Ingestion.Csv.CsvSamples;

namespace CreditRisk.Tests.Ingestion.Csv;

public sealed class CsvRowMapperTests
{
    private static (CsvHeader Header, CsvRow Row) Read(string header, string row, IReadOnlyList<string> columns)
    {
        var reader = new CsvReader(new StringReader(header + "\n" + row + "\n"));
        var parsed = CsvHeader.Read(reader, columns);
        return (parsed, reader.ReadRow()!.Value);
    }

    [Fact]
    public void TransactionMap_GoodRow_MapsEveryColumn()
    {
        var (header, row) = Read(TransactionsHeader, "t9,c1,2026-03-01T19:52:05.123+05:30,1234.50,cash_withdrawal,6011,m-7,atm", TransactionCsvMapper.Columns);
        var errors = new List<CsvFieldError>();

        var input = TransactionCsvMapper.Map(header, row, errors);

        Assert.Empty(errors);
        Assert.Equal(
            new TransactionInput
            {
                TransactionId = "t9",
                CustomerId = "c1",
                Timestamp = new DateTimeOffset(2026, 3, 1, 14, 22, 5, 123, TimeSpan.Zero),
                Amount = 1234.50m,
                Type = "cash_withdrawal",
                MerchantCategory = "6011",
                MerchantId = "m-7",
                Channel = "atm",
            },
            input);
    }

    [Fact]
    public void TransactionMap_ColumnsInAnotherOrderAndEmptyOptionals_MapsByName()
    {
        var (header, row) = Read(
            "amount,type,transaction_id,customer_id,timestamp,merchant_category,merchant_id,channel",
            "5, payment ,t1,c1,2026-03-01T14:22:05Z,,,",
            TransactionCsvMapper.Columns);
        var errors = new List<CsvFieldError>();

        var input = TransactionCsvMapper.Map(header, row, errors);

        Assert.Empty(errors);
        Assert.Equal((5m, "t1"), (input.Amount, input.TransactionId));
        Assert.Null(input.MerchantCategory);
        Assert.Null(input.Channel);
    }

    [Theory]
    [InlineData("12,50", "amount")]
    [InlineData("1e3", "amount")]
    [InlineData("abc", "amount")]
    public void TransactionMap_BadAmount_ErrorNamesTheColumn(string amount, string column)
    {
        var (header, row) = Read(TransactionsHeader, Transaction(amount: $"\"{amount}\""), TransactionCsvMapper.Columns);
        var errors = new List<CsvFieldError>();

        var input = TransactionCsvMapper.Map(header, row, errors);

        Assert.Null(input.Amount);
        Assert.Equal(column, Assert.Single(errors).Column);
    }

    [Theory]
    [InlineData("2026-03-01 14:22:05")]
    [InlineData("2026-03-01T14:22:05")]
    [InlineData("01/03/2026")]
    public void TransactionMap_TimestampWithoutOffsetOrBadlyWritten_IsAnError(string timestamp)
    {
        var (header, row) = Read(TransactionsHeader, Transaction(timestamp: timestamp), TransactionCsvMapper.Columns);
        var errors = new List<CsvFieldError>();

        TransactionCsvMapper.Map(header, row, errors);

        Assert.Equal("timestamp", Assert.Single(errors).Column);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void CustomerMap_Boolean_AcceptsTrueFalseOneZero(string text, bool expected)
    {
        var (header, row) = Read(CustomersHeader, Customer(optIn: text), CustomerCsvMapper.Columns);
        var errors = new List<CsvFieldError>();

        var input = CustomerCsvMapper.Map(header, row, errors);

        Assert.Empty(errors);
        Assert.Equal(expected, input.WhatsappOptIn);
    }

    [Fact]
    public void CustomerMap_BadBooleanAndDate_ErrorsNameTheirColumns()
    {
        var (header, row) = Read(CustomersHeader, Customer(openedOn: "2021-13-01", optIn: "yes"), CustomerCsvMapper.Columns);
        var errors = new List<CsvFieldError>();

        var input = CustomerCsvMapper.Map(header, row, errors);

        Assert.Equal(["opened_on", "whatsapp_opt_in"], errors.Select(e => e.Column));
        Assert.Null(input.OpenedOn);
        Assert.Null(input.WhatsappOptIn);
    }

    [Fact]
    public void CustomerMap_QuotedNameWithComma_KeepsTheComma()
    {
        var (header, row) = Read(CustomersHeader, Customer(name: "\"Rao, Anita \"\"Annie\"\"\""), CustomerCsvMapper.Columns);

        var input = CustomerCsvMapper.Map(header, row, []);

        Assert.Equal("Rao, Anita \"Annie\"", input.FullName);
    }

    [Fact]
    public void StatementMap_EmptyOptionals_AreNullWithoutErrors()
    {
        var (header, row) = Read(StatementsHeader, Statement(minimumDue: "", dueDate: "", paidOn: "", paid: "0"), StatementCsvMapper.Columns);
        var errors = new List<CsvFieldError>();

        var input = StatementCsvMapper.Map(header, row, errors);

        Assert.Empty(errors);
        Assert.Equal(
            new StatementInput
            {
                CustomerId = "c1",
                StatementDate = new DateOnly(2026, 9, 15),
                CreditLimit = 150000m,
                Balance = 98765.43m,
                AmountPaid = 0m,
                DaysPastDue = 0,
            },
            input);
    }

    [Fact]
    public void StatementMap_BadIntegerAndDate_ErrorsNameTheirColumns()
    {
        var (header, row) = Read(StatementsHeader, Statement(dueDate: "2026-10-5", daysPastDue: "3.5"), StatementCsvMapper.Columns);
        var errors = new List<CsvFieldError>();

        StatementCsvMapper.Map(header, row, errors);

        Assert.Equal(["due_date", "days_past_due"], errors.Select(e => e.Column));
    }

    [Theory]
    [InlineData("merchantCategory", "merchant_category")]
    [InlineData("whatsappOptIn", "whatsapp_opt_in")]
    [InlineData("amount", "amount")]
    [InlineData("$", CsvFieldError.WholeRow)]
    public void FromWireField_CamelCase_BecomesSnakeCase(string field, string column) =>
        Assert.Equal(column, CsvColumnNames.FromWireField(field));

    [Fact]
    public void WireFieldNames_OfEveryInput_AreColumnsOfItsFile()
    {
        // The validator reports camelCase names; each must turn into a real column, or errors would name none.
        static IEnumerable<string> Names<T>() => typeof(T).GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Single().Name)
            .Select(CsvColumnNames.FromWireField);

        Assert.Equal(CustomerCsvMapper.Columns.Concat(CustomerCsvMapper.OptionalColumns).Order(), Names<CustomerInput>().Order());
        Assert.Equal(TransactionCsvMapper.Columns.Order(), Names<TransactionInput>().Order());
        Assert.Equal(StatementCsvMapper.Columns.Order(), Names<StatementInput>().Order());
    }
}
