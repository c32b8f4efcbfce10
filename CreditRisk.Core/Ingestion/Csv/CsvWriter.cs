namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>Writes RFC 4180 records: a field holding a comma, quote or line break is quoted, quotes doubled.</summary>
internal sealed class CsvWriter(TextWriter writer)
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public void WriteRow(IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            if (field.IndexOfAny(NeedsQuotes) >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }

        writer.Write('\n');
    }
}
