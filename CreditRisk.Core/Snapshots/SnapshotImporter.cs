using System.Diagnostics;
using System.Globalization;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Ingestion.Csv;
using CreditRisk.Core.Risk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// Imports a customer-level snapshot (docs/data-formats.md): reads and checks the whole file first and writes nothing
/// when any row is bad; then, batch by batch (<see cref="SnapshotBatchWriter"/>), creates the customers it does not know
/// (named by their id, no phone, no WhatsApp opt-in) and updates the credit limit of those it does, stores each row as
/// the customer's snapshot, and assesses them (trigger <see cref="RiskTriggers.Snapshot"/>), so they are scored and in
/// the grid when it returns. Importing the same file again changes nothing but the assessment times.
/// </summary>
public sealed class SnapshotImporter(
    SnapshotBatchWriter writer,
    IOptions<SnapshotOptions> options,
    IOptions<IngestionOptions> ingestion,
    TimeProvider time,
    ILogger<SnapshotImporter> logger)
{
    /// <summary>
    /// Why <paramref name="asOf"/> cannot be a snapshot's day, or null. A snapshot describes a day that has begun: one
    /// dated ahead would make its customers "customers since" a future day and its scores speak for a day not yet seen.
    /// </summary>
    public static string? AsOfProblem(DateOnly asOf, DateTimeOffset now) =>
        asOf > DateOnly.FromDateTime(now.UtcDateTime)
            ? string.Create(CultureInfo.InvariantCulture, $"As of {asOf:yyyy-MM-dd} is after today ({now.UtcDateTime:yyyy-MM-dd}, UTC): a snapshot speaks for a day that has begun.")
            : null;

    /// <summary>Imports <paramref name="path"/> as of <paramref name="asOf"/> (default: today, UTC).</summary>
    /// <exception cref="IOException">The file cannot be read; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is after today (<see cref="AsOfProblem"/>); nothing was read.</exception>
    public async Task<SnapshotImportReport> ImportAsync(
        string path, DateOnly? asOf = null, IProgress<CsvImportProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        if (asOf is { } requested && AsOfProblem(requested, now) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), requested, problem);
        }

        var day = asOf ?? DateOnly.FromDateTime(now.UtcDateTime);
        var content = SnapshotFile.Read(path, day, now, requireLabel: false, ingestion.Value.MaxAccountAmount, progress, ct);
        var report = new CsvFileReport
        {
            Kind = CsvImportKind.Snapshot,
            Path = path,
            Status = CsvFileStatus.Invalid,
            RowsRead = content.RowsRead,
            Repeats = content.Repeats,
            Rejected = content.BadRows,
            FirstProblem = content.Problems.FirstOrDefault(),
        };
        if (!content.IsValid)
        {
            return new SnapshotImportReport(report with { Duration = clock.Elapsed }, content.Problems, day);
        }

        long created = 0, written = 0;
        try
        {
            var length = new FileInfo(path).Length;
            var total = content.Snapshots.Count;

            // Batches touch disjoint customers, so they may run side by side: the store serialises its writes, the
            // rest (reads, features, scoring, mapping) overlaps on a second core.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.ImportParallelism, CancellationToken = ct };
            await Parallel.ForEachAsync(content.Snapshots.Chunk(options.Value.ImportBatchSize), parallel, async (batch, token) =>
            {
                Interlocked.Add(ref created, await writer.WriteAsync(batch, now, token).ConfigureAwait(false));
                var done = Interlocked.Add(ref written, batch.Length);
                progress?.Report(new CsvImportProgress(
                    CsvImportKind.Snapshot, path, CsvImportPhase.Importing, length * done / total, length, done, done == total));
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Snapshot import of {Path} failed after {Written} of {Total} rows", path, written, content.Snapshots.Count);
            var failure = new CsvProblem(0, null, $"Writing failed after {written:N0} of {content.Snapshots.Count:N0} rows: {e.Message}");
            return new SnapshotImportReport(
                report with { Status = CsvFileStatus.Failed, New = created, Existing = written - created, FirstProblem = failure, Rejected = 0, Duration = clock.Elapsed },
                [failure],
                day);
        }

        logger.LogInformation("Imported snapshot {Path}: {Rows} customers ({New} new) as of {AsOf}", path, written, created, day);
        return new SnapshotImportReport(
            report with { Status = CsvFileStatus.Imported, New = created, Existing = written - created, Duration = clock.Elapsed },
            [],
            day);
    }
}

/// <summary>The outcome of a snapshot import: the file report the other imports give, every problem kept, and the as-of day used.</summary>
public sealed record SnapshotImportReport(CsvFileReport File, IReadOnlyList<CsvProblem> Problems, DateOnly AsOf)
{
    public bool Succeeded => File.Status == CsvFileStatus.Imported;
}
