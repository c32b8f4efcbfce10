using System.Text;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// Streaming RFC 4180 reader: comma-separated (or another delimiter, e.g. ';' from spreadsheets in locales with a
/// decimal comma), double-quote quoting with "" escapes, LF or CRLF line ends, quoted fields may span lines. Reads one
/// record at a time, so a file of any size is never held in memory. Text that is not UTF-8 (a spreadsheet's plain
/// "CSV" in Windows-1252) is refused at the line it appears on: the UTF-8 decoder turns each byte it cannot read into
/// U+FFFD, and a name stored as "Jos� N��ez" is data lost without a word.
/// </summary>
public sealed class CsvReader(TextReader reader, char delimiter = ',')
{
    /// <summary>U+FFFD, what the decoder puts for bytes it cannot read.</summary>
    private const char NotDecoded = '\uFFFD';

    private readonly StringBuilder _field = new();
    private long _line = 1;

    /// <summary>Reads the next record; null at end of input. Blank lines are skipped.</summary>
    public CsvRow? ReadRow()
    {
        var fields = new List<string>();
        _field.Clear();
        var startLine = _line;
        var inQuotes = false;
        var anyChar = false;
        var quoted = false;

        while (true)
        {
            var c = reader.Read();
            if (c == -1)
            {
                if (inQuotes)
                {
                    throw new CsvFormatException($"Line {startLine}: a quoted field is not closed before the end of the file.", startLine);
                }

                if (!anyChar)
                {
                    return null;
                }

                fields.Add(_field.ToString());
                return new CsvRow(startLine, [.. fields]);
            }

            anyChar = true;
            var ch = (char)c;
            if (ch == NotDecoded)
            {
                throw new CsvFormatException(
                    $"Line {_line}: the file is not UTF-8 text (a byte UTF-8 cannot read). Save it as UTF-8, e.g. a spreadsheet's \"CSV UTF-8\".", _line);
            }

            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }

                    _field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when _field.Length == 0:
                    inQuotes = true;
                    quoted = true;
                    break;
                case var _ when ch == delimiter:
                    fields.Add(_field.ToString());
                    _field.Clear();
                    quoted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n':
                    _line++;
                    if (fields.Count == 0 && _field.Length == 0 && !quoted)
                    {
                        // A blank line (not one holding only ""): keep looking for the next record.
                        startLine = _line;
                        anyChar = false;
                        break;
                    }

                    fields.Add(_field.ToString());
                    return new CsvRow(startLine, [.. fields]);
                default:
                    _field.Append(ch);
                    break;
            }
        }
    }
}
