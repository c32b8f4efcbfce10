namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>What became of one file.</summary>
public enum CsvFileStatus
{
    /// <summary>Every valid row was written (with <see cref="CsvImportRequest.SkipInvalid"/>, bad rows were set aside).</summary>
    Imported,

    /// <summary>The file has bad rows, a bad header or broken CSV; nothing was written from any file.</summary>
    Invalid,

    /// <summary>The file is valid but nothing was written because another file is invalid.</summary>
    NotImported,

    /// <summary>Writing failed part-way (store error, or the file changed since it was validated); re-running is safe.</summary>
    Failed,
}

/// <summary>
/// A problem in a file. <see cref="Line"/> is 1-based, 0 when it concerns no line; <see cref="Column"/> is null when
/// it concerns no single column.
/// </summary>
public sealed record CsvProblem(long Line, string? Column, string Reason)
{
    /// <summary><c>path:line: column: reason</c>, the form compilers use, so editors can jump to it.</summary>
    public string Describe(string path)
    {
        var where = Line > 0 ? $"{path}:{Line}" : path;
        return Column is null ? $"{where}: {Reason}" : $"{where}: {Column}: {Reason}";
    }
}

/// <summary>The outcome for one file.</summary>
public sealed record CsvFileReport
{
    public required CsvImportKind Kind { get; init; }

    public required string Path { get; init; }

    public required CsvFileStatus Status { get; init; }

    /// <summary>Data rows in the file (the header not counted).</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows written that were not stored before.</summary>
    public long New { get; init; }

    /// <summary>Rows written that were stored already: replayed transactions, replaced customers and statements.</summary>
    public long Existing { get; init; }

    /// <summary>
    /// Replayed transactions whose content differs from the one stored under their id. A replay is idempotent by id,
    /// so the stored one is kept: a correction needs a new transaction id, and the sender should hear that.
    /// </summary>
    public long ReplaysDiffering { get; init; }

    /// <summary>The line of the first of <see cref="ReplaysDiffering"/>; null when there is none.</summary>
    public long? FirstDifferingLine { get; init; }

    /// <summary>Rows identical to an earlier row of the same file, which are written once.</summary>
    public long Repeats { get; init; }

    /// <summary>Bad rows (set aside with <see cref="CsvImportRequest.SkipInvalid"/>, otherwise the reason nothing was written).</summary>
    public long Rejected { get; init; }

    /// <summary>The first bad row, or the file-level problem (header, CSV syntax, write failure).</summary>
    public CsvProblem? FirstProblem { get; init; }

    /// <summary>Where the bad rows were written, when <see cref="CsvImportRequest.SkipInvalid"/> was set.</summary>
    public string? RejectsPath { get; init; }

    /// <summary>Time spent on this file, both passes.</summary>
    public TimeSpan Duration { get; init; }

    public long Imported => New + Existing;

    /// <summary>Rows read per second of <see cref="Duration"/>; 0 for an instant.</summary>
    public double RowsPerSecond => Duration > TimeSpan.Zero ? RowsRead / Duration.TotalSeconds : 0;
}

/// <summary>The outcome of one import, one entry per file named, in import order.</summary>
public sealed record CsvImportReport(IReadOnlyList<CsvFileReport> Files)
{
    public bool Succeeded => Files.All(f => f.Status == CsvFileStatus.Imported);
}
