using System.Text.Json;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Rules;

/// <summary>
/// Reads and changes the expert-rule thresholds at run time. Until an admin saves thresholds, the defaults of
/// <see cref="RuleOptions"/> apply. Changes are validated, saved with optimistic concurrency through
/// <see cref="ISettingsRepository"/> and audited (who, when, old and new values).
/// </summary>
public sealed class RuleSettingsService(
    ISettingsRepository settings,
    IAuditLog audit,
    IOptions<RuleOptions> options,
    TimeProvider time,
    ILogger<RuleSettingsService> logger)
{
    /// <summary>Key of the stored thresholds in <see cref="ISettingsRepository"/>.</summary>
    public const string SettingsKey = "rules";

    /// <summary>Audit action recorded for every change.</summary>
    public const string AuditAction = "rules.thresholds.changed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private volatile CachedSettings? _cache;

    /// <summary>The configured defaults.</summary>
    public RuleSettings Defaults => RuleSettings.From(options.Value);

    /// <summary>The thresholds in force and their stored version (0 while the defaults apply), read from the store.</summary>
    public async Task<RuleSettingsSnapshot> GetAsync(CancellationToken ct = default)
    {
        var stored = await settings.GetAsync(SettingsKey, ct).ConfigureAwait(false);
        var snapshot = stored is null
            ? new RuleSettingsSnapshot(Defaults, 0, null)
            : new RuleSettingsSnapshot(Parse(stored), stored.Version, stored.UpdatedAt);
        _cache = new CachedSettings(snapshot, time.GetUtcNow());
        return snapshot;
    }

    /// <summary>
    /// The thresholds for scoring: cached for <see cref="RuleOptions.RefreshSeconds"/> so that the pipeline does not
    /// read the store per batch, while other instances' changes still arrive within that delay.
    /// </summary>
    public async ValueTask<RuleSettings> GetCurrentAsync(CancellationToken ct = default)
    {
        var cache = _cache;
        if (cache is not null && time.GetUtcNow() - cache.ReadAt < TimeSpan.FromSeconds(options.Value.RefreshSeconds))
        {
            return cache.Snapshot.Settings;
        }

        return (await GetAsync(ct).ConfigureAwait(false)).Settings;
    }

    /// <summary>
    /// Saves <paramref name="proposed"/> if it is valid and the stored version is still <paramref name="expectedVersion"/>,
    /// then audits the change as <paramref name="actor"/>.
    /// </summary>
    public async Task<RuleSettingsUpdateResult> UpdateAsync(
        RuleSettings proposed, long expectedVersion, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);

        var errors = proposed.Validate();
        var current = await GetAsync(ct).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return new RuleSettingsUpdateResult(RuleSettingsUpdateStatus.Invalid, current, errors);
        }

        if (current.Version != expectedVersion)
        {
            return new RuleSettingsUpdateResult(RuleSettingsUpdateStatus.Conflict, current, NoErrors);
        }

        if (current.Settings == proposed)
        {
            return new RuleSettingsUpdateResult(RuleSettingsUpdateStatus.Unchanged, current, NoErrors);
        }

        var now = time.GetUtcNow();
        var json = JsonSerializer.Serialize(proposed, Json);
        if (!await settings.TrySaveAsync(SettingsKey, json, expectedVersion, now, ct).ConfigureAwait(false))
        {
            return new RuleSettingsUpdateResult(RuleSettingsUpdateStatus.Conflict, await GetAsync(ct).ConfigureAwait(false), NoErrors);
        }

        var saved = new RuleSettingsSnapshot(proposed, expectedVersion + 1, now);
        _cache = new CachedSettings(saved, now);
        await audit.AddAsync(
            new AuditEntry
            {
                Id = AuditIds.Next(now),
                At = now,
                Actor = actor,
                Action = AuditAction,
                Target = SettingsKey,
                OldValue = JsonSerializer.Serialize(current.Settings, Json),
                NewValue = json,
                Details = Describe(current.Settings, proposed),
            },
            ct).ConfigureAwait(false);
        logger.LogInformation("Rule thresholds changed by {Actor} to version {Version}: {Changes}", actor, saved.Version, Describe(current.Settings, proposed));
        return new RuleSettingsUpdateResult(RuleSettingsUpdateStatus.Saved, saved, NoErrors);
    }

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private RuleSettings Parse(StoredSetting stored)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<RuleSettings>(stored.Json, Json);
            if (parsed is not null && parsed.Validate().Count == 0)
            {
                return parsed;
            }
        }
        catch (JsonException)
        {
        }

        // Scoring must go on: a damaged stored value falls back to the configured defaults, loudly.
        logger.LogError("Stored rule thresholds (version {Version}) are invalid; using the configured defaults", stored.Version);
        return Defaults;
    }

    /// <summary>"High utilisation, utilisation above: 90% → 85%; …" for the fields that differ.</summary>
    private static string Describe(RuleSettings before, RuleSettings after) => string.Join("; ", RuleSettingChanges.Describe(before, after));

    private sealed record CachedSettings(RuleSettingsSnapshot Snapshot, DateTimeOffset ReadAt);
}

/// <summary>Thresholds with their stored version (0 = defaults, never saved) and when they were saved.</summary>
public sealed record RuleSettingsSnapshot(RuleSettings Settings, long Version, DateTimeOffset? UpdatedAt);

public enum RuleSettingsUpdateStatus
{
    Saved,
    Unchanged,
    Invalid,
    Conflict,
}

/// <summary>Outcome of <see cref="RuleSettingsService.UpdateAsync"/>: the thresholds now in force and any field-named errors.</summary>
public sealed record RuleSettingsUpdateResult(
    RuleSettingsUpdateStatus Status, RuleSettingsSnapshot Current, IReadOnlyDictionary<string, string[]> Errors);
