using System.Text;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// One read of a CSV file: the header checked against the format's columns, then rows one at a time, with the
/// bytes consumed so far for progress. Large buffers and sequential-scan hints: the file is read front to back, twice.
/// </summary>
internal sealed class CsvFileSource : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly FileStream _stream;
    private readonly CsvReader _reader;

    private CsvFileSource(FileStream stream, IReadOnlyList<string> columns, IReadOnlyList<string> optionalColumns)
    {
        _stream = stream;
        var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
        _reader = new CsvReader(text);
        Header = CsvHeader.Read(_reader, columns, optionalColumns);
    }

    public CsvHeader Header { get; }

    public long Length => _stream.Length;

    public long Position => _stream.Position;

    /// <summary>Opens the file and reads its header; throws <see cref="CsvFormatException"/> for a bad header.</summary>
    public static CsvFileSource Open(string path, IReadOnlyList<string> columns, IReadOnlyList<string>? optionalColumns = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            return new CsvFileSource(stream, columns, optionalColumns ?? []);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Size and last write time, to notice a file changed between the validating and the importing pass.</summary>
    public static (long Length, DateTime LastWriteUtc) Stamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc);
    }

    public CsvRow? ReadRow() => _reader.ReadRow();

    public void Dispose() => _stream.Dispose();
}
