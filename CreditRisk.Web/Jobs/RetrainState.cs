using System.Text.Json;
using System.Text.Json.Serialization;
using CreditRisk.Core.Persistence;

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

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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

    /// <summary>Why a failed run failed.</summary>
    public string? Error { get; init; }

    [JsonIgnore]
    public bool IsActive => Status is RetrainStatus.Queued or RetrainStatus.Running;

    /// <summary>The stored state and its version (0 when none is stored).</summary>
    public static async Task<(RetrainState? State, long Version)> ReadAsync(ISettingsRepository settings, CancellationToken ct)
    {
        var stored = await settings.GetAsync(SettingsKey, ct).ConfigureAwait(false);
        return stored is null ? (null, 0) : (JsonSerializer.Deserialize<RetrainState>(stored.Json, Json), stored.Version);
    }

    /// <summary>Saves over <paramref name="expectedVersion"/>; false when another writer got there first.</summary>
    public Task<bool> TrySaveAsync(ISettingsRepository settings, long expectedVersion, DateTimeOffset at, CancellationToken ct) =>
        settings.TrySaveAsync(SettingsKey, JsonSerializer.Serialize(this, Json), expectedVersion, at, ct);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored state (null = leave it) until it saves without a concurrent write
    /// in between; returns the state saved, or null when the change declined.
    /// </summary>
    public static async Task<RetrainState?> UpdateAsync(
        ISettingsRepository settings, Func<RetrainState?, RetrainState?> change, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (current, version) = await ReadAsync(settings, ct).ConfigureAwait(false);
            if (change(current) is not { } next)
            {
                return null;
            }

            if (await next.TrySaveAsync(settings, version, time.GetUtcNow(), ct).ConfigureAwait(false))
            {
                return next;
            }
        }

        throw new InvalidOperationException($"Setting '{SettingsKey}' kept changing while it was being updated.");
    }
}
