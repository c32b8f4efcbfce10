using System.Globalization;
using System.Security.Claims;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Ingestion.Csv;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Snapshots;
using CreditRisk.Core.Training;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Admin;

/// <summary>
/// The snapshot upload of the Models page, admins only (checked here, not just hidden): copies the uploaded file to a
/// temporary file, imports it (<see cref="SnapshotImporter"/>: everything checked before anything is written) and,
/// when asked, trains a snapshot model on it, registered as a challenger. Reports progress by phase.
/// </summary>
public sealed class SnapshotAdminService(
    SnapshotImporter importer,
    SnapshotTrainer trainer,
    IAuditLog audit,
    IOptions<BandingOptions> banding,
    TimeProvider time,
    ILogger<SnapshotAdminService> logger)
{
    /// <summary>Audit action of an upload.</summary>
    public const string UploadedAction = "snapshots.uploaded";

    /// <summary>The largest file accepted: 200 MB, about three million rows.</summary>
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    /// <summary>Problems listed in the outcome; the rest are counted.</summary>
    public const int MaxProblemsShown = 20;

    /// <summary>Uploads, imports and optionally trains; never throws for bad content, which the outcome describes.</summary>
    public async Task<SnapshotUploadResult> UploadAsync(
        ClaimsPrincipal actor, SnapshotUpload upload, IProgress<SnapshotUploadProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(upload);
        if (!actor.IsInRole(AppRoles.Admin))
        {
            return SnapshotUploadResult.Fail("Only admins can upload a snapshot.");
        }

        if (upload.Size > MaxUploadBytes)
        {
            return SnapshotUploadResult.Fail($"The file is {upload.Size / 1024 / 1024:N0} MB; the most accepted is {MaxUploadBytes / 1024 / 1024:N0} MB.");
        }

        if (upload.AsOf is { } day && SnapshotImporter.AsOfProblem(day, time.GetUtcNow()) is { } future)
        {
            return SnapshotUploadResult.Fail(future + " Nothing was imported.");
        }

        var path = Path.Combine(Path.GetTempPath(), $"creditrisk-snapshot-{Guid.NewGuid():N}.csv");
        try
        {
            await CopyAsync(upload, path, progress, ct);
            var report = await importer.ImportAsync(path, upload.AsOf, new ImportProgress(progress), ct);
            if (report.File.Status == CsvFileStatus.Failed)
            {
                // Part of the file may be written (customers created, limits changed): on the record like any import.
                await AuditAsync(actor, upload, report, "writing failed part-way", ct);
                return SnapshotUploadResult.Fail(
                    "Writing failed part-way; uploading the same file again is safe and finishes the job.", Problems(report.Problems, upload.FileName));
            }

            if (!report.Succeeded)
            {
                return SnapshotUploadResult.Fail(
                    report.File.RowsRead > 0 && report.File.Rejected > 0
                        ? $"{upload.FileName} has {report.File.Rejected:N0} bad row(s); nothing was imported."
                        : $"{upload.FileName} cannot be imported as a snapshot; nothing was imported.",
                    Problems(report.Problems, upload.FileName));
            }

            var imported = string.Create(CultureInfo.InvariantCulture,
                $"Imported {report.File.Imported:N0} customers ({report.File.New:N0} new) as of {report.AsOf:yyyy-MM-dd}; they are scored and in the grid.");
            var training = upload.Train ? await TrainAsync(actor, upload, path, report.AsOf, progress, ct) : null;
            await AuditAsync(actor, upload, report, training?.AuditNote, ct);
            progress?.Report(new SnapshotUploadProgress(SnapshotUploadPhase.Done, 100));
            return training is { Version: null }
                ? SnapshotUploadResult.Fail($"{imported} {training.Message}", training.Problems)
                : new SnapshotUploadResult(true, training is null ? imported : $"{imported} {training.Message}", [], training?.Version);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Trains the snapshot model on the imported file. The customers are in by then, so a training failure of any kind
    /// is reported beside the import (and an unexpected one logged in full), never as if nothing had happened.
    /// </summary>
    private async Task<TrainingOutcome> TrainAsync(
        ClaimsPrincipal actor, SnapshotUpload upload, string path, DateOnly asOf, IProgress<SnapshotUploadProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new SnapshotUploadProgress(SnapshotUploadPhase.Training, null));
        try
        {
            var trained = await trainer.TrainAsync(path, new TrainingRequest
            {
                CreatedBy = $"web:{ActorName.Of(actor)}",
                Cutoffs = banding.Value.Pinned,
                Budget = banding.Value.Budget,
            }, asOf: asOf, sourceName: upload.FileName, ct: ct);
            if (trained.Report is null)
            {
                return TrainingOutcome.Failed("the file needs a DPD bucket on every row.", Problems(trained.File.Problems, upload.FileName));
            }

            var version = trained.Report.Version;
            return new TrainingOutcome(version, string.Create(CultureInfo.InvariantCulture,
                $"Snapshot model {version} registered as a challenger (hold-out AUC {trained.Report.Models.Ensemble.Auc:0.000})."), $"model {version}", []);
        }
        catch (TrainingDataException e)
        {
            return TrainingOutcome.Failed(e.Message, []);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Training a snapshot model on {File} failed after its import", upload.FileName);
            return TrainingOutcome.Failed($"training failed unexpectedly ({e.Message}); the server log has the details.", []);
        }
    }

    /// <summary>What training on an upload gave: a version and its line, or why none was trained.</summary>
    private sealed record TrainingOutcome(string? Version, string Message, string AuditNote, IReadOnlyList<string> Problems)
    {
        public static TrainingOutcome Failed(string reason, IReadOnlyList<string> problems) =>
            new(null, $"No model was trained: {reason}", $"no model trained: {reason}", problems);
    }

    private static async Task CopyAsync(SnapshotUpload upload, string path, IProgress<SnapshotUploadProgress>? progress, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long copied = 0;
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, buffer.Length, useAsync: true);
        await using var source = upload.Open();
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            copied += read;
            progress?.Report(new SnapshotUploadProgress(SnapshotUploadPhase.Uploading, upload.Size > 0 ? 100.0 * copied / upload.Size : null));
        }
    }

    private static List<string> Problems(IReadOnlyList<CsvProblem> problems, string fileName) =>
        [.. problems.Take(MaxProblemsShown).Select(p => p.Describe(fileName))];

    private Task AuditAsync(ClaimsPrincipal actor, SnapshotUpload upload, SnapshotImportReport report, string? note, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return audit.AddAsync(new AuditEntry
        {
            Id = AuditIds.Next(now),
            At = now,
            Actor = ActorName.Of(actor),
            Action = UploadedAction,
            Target = $"snapshot:{upload.FileName}",
            Details = string.Create(CultureInfo.InvariantCulture,
                $"{report.File.Imported} customers ({report.File.New} new) as of {report.AsOf:yyyy-MM-dd}{(note is null ? "" : $"; {note}")}"),
        }, ct);
    }

    /// <summary>Maps the importer's two passes onto one percentage: checking is the first half, writing the second.</summary>
    private sealed class ImportProgress(IProgress<SnapshotUploadProgress>? progress) : IProgress<CsvImportProgress>
    {
        public void Report(CsvImportProgress value)
        {
            var share = value.TotalBytes > 0 ? (double)value.BytesRead / value.TotalBytes : 0;
            var phase = value.Phase == CsvImportPhase.Validating ? SnapshotUploadPhase.Checking : SnapshotUploadPhase.Importing;
            progress?.Report(new SnapshotUploadProgress(phase, 100 * share));
        }
    }
}

/// <summary>An uploaded snapshot file: its name and size as the browser gave them, and how to read it (once).</summary>
public sealed record SnapshotUpload(string FileName, long Size, Func<Stream> Open)
{
    /// <summary>The day the values speak for; null for today.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Also train a snapshot model on the file (it then needs the DPD bucket on every row).</summary>
    public bool Train { get; init; }
}

/// <summary>Where an upload is.</summary>
public enum SnapshotUploadPhase
{
    Uploading,
    Checking,
    Importing,
    Training,
    Done,
}

/// <summary>Progress of an upload: the phase and how far through it (0–100), or null when it cannot be told (training).</summary>
public sealed record SnapshotUploadProgress(SnapshotUploadPhase Phase, double? Percent);

/// <summary>The outcome of an upload, with the file's problems (file:line: column: reason) and the trained version, if any.</summary>
public sealed record SnapshotUploadResult(bool Succeeded, string Message, IReadOnlyList<string> Problems, string? ModelVersion)
{
    public static SnapshotUploadResult Fail(string message, IReadOnlyList<string>? problems = null) => new(false, message, problems ?? [], null);
}
