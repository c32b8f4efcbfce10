namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>Which of the two reads of a file is under way.</summary>
public enum CsvImportPhase
{
    /// <summary>Pass 1: every row is parsed and checked; nothing is written.</summary>
    Validating,

    /// <summary>Pass 2: the file is read again and written in batches.</summary>
    Importing,
}

/// <summary>A progress report, sent after every batch of rows and once at the end of each pass.</summary>
/// <param name="Kind">Which kind of file.</param>
/// <param name="Path">The file as named in the request.</param>
/// <param name="Phase">Which pass.</param>
/// <param name="BytesRead">Bytes of the file consumed so far (the reader runs ahead by at most its buffer).</param>
/// <param name="TotalBytes">The file's size in bytes.</param>
/// <param name="Rows">Data rows read so far in this pass.</param>
/// <param name="Completed">True on the last report of the pass.</param>
public sealed record CsvImportProgress(
    CsvImportKind Kind, string Path, CsvImportPhase Phase, long BytesRead, long TotalBytes, long Rows, bool Completed);
