using System.Globalization;
using System.Text;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// Writes <c>&lt;file&gt;.rejects.csv</c>: the file's own columns, then <c>line,column,reason</c>. It is written
/// whole on every run with <c>--skip-invalid</c> (just the header when nothing was rejected), so an old one never
/// outlives the data it described.
/// </summary>
internal sealed class CsvRejectsWriter : IDisposable
{
    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;
    private readonly int _columnCount;

    public CsvRejectsWriter(string path, IReadOnlyList<string> columns)
    {
        Path = path;
        _columnCount = columns.Count;
        _stream = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        _csv = new CsvWriter(_stream);
        _csv.WriteRow([.. columns, "line", "column", "reason"]);
    }

    public static string PathFor(string csvPath) => csvPath + ".rejects.csv";

    public string Path { get; }

    /// <summary>
    /// One rejected row. A row with the wrong number of fields is padded or cut to the header's width so the
    /// <c>line,column,reason</c> columns stay aligned; its line number leads back to the original.
    /// </summary>
    public void Write(CsvRow row, IReadOnlyList<CsvFieldError> errors)
    {
        var fields = new string[_columnCount];
        for (var i = 0; i < _columnCount; i++)
        {
            fields[i] = i < row.Fields.Length ? row.Fields[i] : "";
        }

        _csv.WriteRow([.. fields, row.LineNumber.ToString(CultureInfo.InvariantCulture), errors[0].Column, Describe(errors)]);
    }

    /// <summary>The first error's reason, then any others as <c>column: reason</c>.</summary>
    public static string Describe(IReadOnlyList<CsvFieldError> errors) =>
        string.Join("; ", errors.Select((e, i) => i == 0 ? e.Reason : $"{e.Column}: {e.Reason}"));

    public void Dispose() => _stream.Dispose();
}
