using System.Text.Json.Serialization;
using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Web.Jobs;

/// <summary>Where the last backtest of a proposed rule change stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RulesWhatIfStatus>))]
public enum RulesWhatIfStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// The last backtest of a proposed change, kept under settings key <see cref="SettingsKey"/>: the proposal itself (the
/// job takes only the request id), its progress, a cancellation request, and the side-by-side result. Written by the
/// request (<see cref="RulesWhatIfStatus.Queued"/>), a cancellation, and <see cref="RulesWhatIfJob"/> (running with
/// its percent, then succeeded, failed or cancelled).
/// </summary>
public sealed record RulesWhatIfState
{
    public const string SettingsKey = "rules-what-if";

    private static readonly SettingsBackedJobState<RulesWhatIfState> Stored = new(SettingsKey);

    /// <summary>Identifies one request; the job carries it, so a stale job cannot overwrite a newer request's state.</summary>
    public required string RequestId { get; init; }

    public required RulesWhatIfStatus Status { get; init; }

    /// <summary>User name of the admin who asked.</summary>
    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>The change to backtest, as the admin proposed it (the whole rule settings, unsaved).</summary>
    public required RiskProposal Proposal { get; init; }

    /// <summary>What the proposal changes against the settings in force when it was asked for, one line per setting.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>Hangfire job id, once enqueued.</summary>
    public string? JobId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Share done, 0–100, written by the running job every second or so.</summary>
    public int Percent { get; init; }

    /// <summary>The admin who asked to cancel; the running job stops at its next check.</summary>
    public string? CancelRequestedBy { get; init; }

    /// <summary>Now versus proposed, once succeeded.</summary>
    public RulesWhatIfResult? Result { get; init; }

    /// <summary>Why a run failed or how it was cancelled.</summary>
    public string? Error { get; init; }

    [JsonIgnore]
    public bool IsActive => Status is RulesWhatIfStatus.Queued or RulesWhatIfStatus.Running;

    /// <inheritdoc cref="SettingsBackedJobState{T}.ReadAsync"/>
    public static Task<(RulesWhatIfState? State, long Version)> ReadAsync(ISettingsRepository settings, CancellationToken ct) => Stored.ReadAsync(settings, ct);

    /// <summary>Saves over <paramref name="expectedVersion"/>; false when another writer got there first.</summary>
    public Task<bool> TrySaveAsync(ISettingsRepository settings, long expectedVersion, DateTimeOffset at, CancellationToken ct) =>
        Stored.TrySaveAsync(settings, this, expectedVersion, at, ct);

    /// <inheritdoc cref="SettingsBackedJobState{T}.UpdateAsync"/>
    public static Task<RulesWhatIfState?> UpdateAsync(ISettingsRepository settings, Func<RulesWhatIfState?, RulesWhatIfState?> change, TimeProvider time, CancellationToken ct) =>
        Stored.UpdateAsync(settings, change, time, ct);
}
