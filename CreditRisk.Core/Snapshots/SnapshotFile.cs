using System.Text;
using CreditRisk.Core.Ingestion.Csv;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// Reads and checks a whole snapshot file before anything is done with it (import or training): the delimiter
/// (comma or semicolon, from the header line), the header, then every row. Rows repeated identically count once;
/// a customer id repeated with other values is a problem at that line.
/// </summary>
public static class SnapshotFile
{
    /// <summary>Problems kept in full; the rest are only counted.</summary>
    public const int MaxProblemsKept = 100;

    private const int BufferSize = 64 * 1024;
    private const int ProgressEvery = 2_000;

    /// <summary>Reads <paramref name="path"/>; an unreadable file throws <see cref="IOException"/>, bad content is reported in the result.</summary>
    /// <param name="path">The file.</param>
    /// <param name="asOf">The day the values speak for.</param>
    /// <param name="importedAt">When the rows are imported, kept on each snapshot.</param>
    /// <param name="requireLabel">Training: the DPD bucket column and every cell of it are required.</param>
    /// <param name="maxCreditLimit">The largest credit limit accepted (the customer file's <c>Ingestion:MaxAccountAmount</c>).</param>
    /// <param name="progress">Reports bytes and rows read (phase <see cref="CsvImportPhase.Validating"/>).</param>
    /// <param name="ct">Checked between rows.</param>
    public static SnapshotFileContent Read(
        string path,
        DateOnly asOf,
        DateTimeOffset importedAt,
        bool requireLabel,
        decimal maxCreditLimit,
        IProgress<CsvImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var delimiter = DetectDelimiter(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
        var reader = new CsvReader(text, delimiter);
        var snapshots = new List<CustomerSnapshot>();
        var problems = new List<CsvProblem>();
        long rows = 0, badRows = 0, repeats = 0;
        SnapshotHeader header;
        try
        {
            var first = reader.ReadRow() ?? throw new CsvFormatException("The file is empty: a header row is required.", 1);
            header = SnapshotHeader.Read(first, requireLabel);
            var parser = new SnapshotRowParser(header, asOf, importedAt, decimalComma: delimiter == ';', requireLabel, maxCreditLimit);
            var seen = new RepeatTracker();
            while (reader.ReadRow() is { } row)
            {
                rows++;
                var (snapshot, rowProblems) = parser.Parse(row);
                if (snapshot is not null && seen.Check(snapshot.CustomerId, row.Fields, row.LineNumber) is { IsRepeat: true } check)
                {
                    if (check.Identical)
                    {
                        repeats++;
                        snapshot = null;
                    }
                    else
                    {
                        rowProblems.Add(new CsvProblem(
                            row.LineNumber, header.Spelling(SnapshotColumns.CustomerId), $"repeats the customer id of line {check.FirstLine} with different values"));
                        snapshot = null;
                    }
                }

                if (rowProblems.Count > 0)
                {
                    badRows++;
                    problems.AddRange(rowProblems.Take(Math.Max(0, MaxProblemsKept - problems.Count)));
                }
                else if (snapshot is not null)
                {
                    snapshots.Add(snapshot);
                }

                if (rows % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new CsvImportProgress(CsvImportKind.Snapshot, path, CsvImportPhase.Validating, stream.Position, stream.Length, rows, false));
                }
            }

            if (rows == 0)
            {
                // A header alone is a file cut short or exported empty, never a snapshot of nobody.
                throw new CsvFormatException("The file has a header row but no customer rows.", 2);
            }
        }
        catch (CsvFormatException e)
        {
            var reason = e.Message.StartsWith($"Line {e.LineNumber}: ", StringComparison.Ordinal) ? e.Message[$"Line {e.LineNumber}: ".Length..] : e.Message;
            return new SnapshotFileContent(path, delimiter, false, [], [new CsvProblem(e.LineNumber, e.Column, reason)], rows, badRows + 1, repeats);
        }

        progress?.Report(new CsvImportProgress(CsvImportKind.Snapshot, path, CsvImportPhase.Validating, stream.Length, stream.Length, rows, true));
        return new SnapshotFileContent(path, delimiter, header.HasLabel, snapshots, problems, rows, badRows, repeats);
    }

    /// <summary>';' when the header line has more semicolons than commas outside quotes, else ','.</summary>
    internal static char DetectDelimiter(string path)
    {
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var line = text.ReadLine() ?? "";
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in line)
        {
            quoted ^= c == '"';
            commas += !quoted && c == ',' ? 1 : 0;
            semicolons += !quoted && c == ';' ? 1 : 0;
        }

        return semicolons > commas ? ';' : ',';
    }
}

/// <summary>What <see cref="SnapshotFile.Read"/> found.</summary>
/// <param name="Path">The file read.</param>
/// <param name="Delimiter">',' or ';'.</param>
/// <param name="HasLabel">Whether the header has the DPD bucket column.</param>
/// <param name="Snapshots">The valid rows, identical repeats once; empty when the header or CSV syntax is bad.</param>
/// <param name="Problems">Up to <see cref="SnapshotFile.MaxProblemsKept"/> problems, in file order; line 1 for the header.</param>
/// <param name="RowsRead">Data rows read (the header not counted).</param>
/// <param name="BadRows">Rows with at least one problem (or 1 for a header or syntax problem).</param>
/// <param name="Repeats">Rows identical to an earlier row of the file.</param>
public sealed record SnapshotFileContent(
    string Path, char Delimiter, bool HasLabel, IReadOnlyList<CustomerSnapshot> Snapshots, IReadOnlyList<CsvProblem> Problems,
    long RowsRead, long BadRows, long Repeats)
{
    public bool IsValid => Problems.Count == 0 && BadRows == 0;
}
