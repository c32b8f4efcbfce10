using System.Text.Json.Serialization;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Web.Jobs;

/// <summary>Where the last retrain from stored data stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetrainStatus>))]
public enum RetrainStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// The last retrain from stored data, kept under settings key <see cref="SettingsKey"/> so the Models page can show it
/// after the job has left Hangfire's history (and across restarts with the in-memory job store). Written by the request
/// (<see cref="RetrainStatus.Queued"/>) and by <see cref="RetrainFromStoreJob"/> (running, then succeeded or failed).
/// </summary>
public sealed record RetrainState
{
    public const string SettingsKey = "model-retrain";

    private static readonly SettingsBackedJobState<RetrainState> Stored = new(SettingsKey);

    /// <summary>Identifies one request; the job carries it, so a stale job cannot overwrite a newer request's state.</summary>
    public required string RequestId { get; init; }

    public required RetrainStatus Status { get; init; }

    /// <summary>User name of the admin who asked.</summary>
    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Hangfire job id, once enqueued.</summary>
    public string? JobId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The version registered (as a challenger) by a succeeded run.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Labelled rows trained and evaluated on.</summary>
    public int? Rows { get; init; }

    /// <summary>Bad (label 1) rows among <see cref="Rows"/>.</summary>
    public int? Positives { get; init; }

    /// <summary>Hold-out AUC of the ensemble.</summary>
    public double? Auc { get; init; }

    /// <summary>The champion scored on the same hold-out rows as the new version, or why it could not be.</summary>
    public ChampionComparison? Comparison { get; init; }

    /// <summary>Why a failed run failed.</summary>
    public string? Error { get; init; }

    [JsonIgnore]
    public bool IsActive => Status is RetrainStatus.Queued or RetrainStatus.Running;

    /// <inheritdoc cref="SettingsBackedJobState{T}.ReadAsync"/>
    public static Task<(RetrainState? State, long Version)> ReadAsync(ISettingsRepository settings, CancellationToken ct) => Stored.ReadAsync(settings, ct);

    /// <summary>Saves over <paramref name="expectedVersion"/>; false when another writer got there first.</summary>
    public Task<bool> TrySaveAsync(ISettingsRepository settings, long expectedVersion, DateTimeOffset at, CancellationToken ct) =>
        Stored.TrySaveAsync(settings, this, expectedVersion, at, ct);

    /// <inheritdoc cref="SettingsBackedJobState{T}.UpdateAsync"/>
    public static Task<RetrainState?> UpdateAsync(ISettingsRepository settings, Func<RetrainState?, RetrainState?> change, TimeProvider time, CancellationToken ct) =>
        Stored.UpdateAsync(settings, change, time, ct);
}
