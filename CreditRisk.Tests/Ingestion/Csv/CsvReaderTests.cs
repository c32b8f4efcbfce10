using CreditRisk.Core.Ingestion.Csv;

namespace CreditRisk.Tests.Ingestion.Csv;

public sealed class CsvReaderTests
{
    private static List<CsvRow> ReadAll(string text)
    {
        var reader = new CsvReader(new StringReader(text));
        var rows = new List<CsvRow>();
        while (reader.ReadRow() is { } row)
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void ReadRow_PlainAndQuotedFields_SplitsPerRfc4180()
    {
        var rows = ReadAll("a,b,c\r\n1,\"Rao, Anita\",\"say \"\"hi\"\"\"\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "Rao, Anita", "say \"hi\""], rows[1].Fields);
    }

    [Fact]
    public void ReadRow_QuotedNewline_KeepsNewlineAndCountsLines()
    {
        var rows = ReadAll("a,b\n\"x\ny\",2\n3,4\n");

        Assert.Equal("x\ny", rows[1].Fields[0]);
        Assert.Equal(2, rows[1].LineNumber);
        Assert.Equal(4, rows[2].LineNumber);
    }

    [Fact]
    public void ReadRow_EmptyFieldsAndNoTrailingNewline_Kept()
    {
        var rows = ReadAll("a,b,c\n1,,");

        Assert.Equal(["1", "", ""], rows[1].Fields);
    }

    [Fact]
    public void ReadRow_BlankLines_SkippedWithoutShiftingLineNumbers()
    {
        var rows = ReadAll("a\n\n1\n\n2\n");

        Assert.Equal([1L, 3L, 5L], rows.Select(r => r.LineNumber));
    }

    [Fact]
    public void ReadRow_LineOfOnlyAQuotedEmptyField_IsARowNotABlankLine()
    {
        var rows = ReadAll("a,b\n\"\"\n1,2\n");

        Assert.Equal([(2L, 1), (3L, 2)], rows.Skip(1).Select(r => (r.LineNumber, r.Fields.Length)));
    }

    [Fact]
    public void ReadRow_BytesThatAreNotUtf8_ThrowsNamingTheLine()
    {
        // "José" saved as Windows-1252 (a spreadsheet's plain "CSV"): the é byte is not UTF-8.
        var bytes = System.Text.Encoding.Latin1.GetBytes("a,b\n1,ok\n2,Jos\u00e9\n");
        var reader = new CsvReader(new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8));

        reader.ReadRow();
        reader.ReadRow();
        var ex = Assert.Throws<CsvFormatException>(() => reader.ReadRow());

        Assert.Equal(3, ex.LineNumber);
        Assert.Contains("not UTF-8", ex.Message);
    }

    [Fact]
    public void ReadRow_UnterminatedQuote_ThrowsWithLine()
    {
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll("a,b\n1,\"open\n"));

        Assert.Equal(2, ex.LineNumber);
    }

    [Fact]
    public void Read_HeaderMissingColumn_ThrowsNamingIt()
    {
        var reader = new CsvReader(new StringReader("customer_id,full_name\n"));

        var ex = Assert.Throws<CsvFormatException>(() => CsvHeader.Read(reader, ["customer_id", "full_name", "phone"]));

        Assert.Equal("phone", ex.Column);
    }

    [Fact]
    public void Get_ColumnsInAnyOrder_ByName()
    {
        var reader = new CsvReader(new StringReader("\uFEFFphone,customer_id\n+4412345678,c1\n"));
        var header = CsvHeader.Read(reader, ["customer_id", "phone"]);

        var row = reader.ReadRow()!.Value;

        Assert.Equal("c1", header.Get(row, "customer_id"));
        Assert.Equal("+4412345678", header.Get(row, "phone"));
    }
}
