using System.Text.Json;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// A background job's state kept as JSON under one settings key with optimistic versions, so the request, a
/// cancellation and the running job can all write it without one silently overwriting another's change.
/// </summary>
/// <typeparam name="T">The state record; serialised with the web defaults (camel case), as stored states expect.</typeparam>
public sealed class SettingsBackedJobState<T>(string settingsKey)
    where T : class
{
    /// <summary>A concurrent writer gets this many retries before <see cref="UpdateAsync"/> gives up.</summary>
    private const int MaxAttempts = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored state and its version (0 when none is stored).</summary>
    public async Task<(T? State, long Version)> ReadAsync(ISettingsRepository settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stored = await settings.GetAsync(settingsKey, ct).ConfigureAwait(false);
        return stored is null ? (null, 0) : (JsonSerializer.Deserialize<T>(stored.Json, Json), stored.Version);
    }

    /// <summary>Saves <paramref name="state"/> over <paramref name="expectedVersion"/>; false when another writer got there first.</summary>
    public Task<bool> TrySaveAsync(ISettingsRepository settings, T state, long expectedVersion, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.TrySaveAsync(settingsKey, JsonSerializer.Serialize(state, Json), expectedVersion, at, ct);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored state (null = leave it) until it saves without a concurrent write
    /// in between; returns the state saved, or null when the change declined.
    /// </summary>
    public async Task<T?> UpdateAsync(ISettingsRepository settings, Func<T?, T?> change, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(time);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (current, version) = await ReadAsync(settings, ct).ConfigureAwait(false);
            if (change(current) is not { } next)
            {
                return null;
            }

            if (await TrySaveAsync(settings, next, version, time.GetUtcNow(), ct).ConfigureAwait(false))
            {
                return next;
            }
        }

        throw new InvalidOperationException($"Setting '{settingsKey}' kept changing while it was being updated.");
    }
}
