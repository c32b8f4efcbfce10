namespace CreditRisk.Core.Persistence;

/// <summary>Run-time settings changed from the UI (rule thresholds and the like), stored as JSON by key.</summary>
public interface ISettingsRepository
{
    Task<StoredSetting?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>Saves if the stored version equals <paramref name="expectedVersion"/> (0 = not stored yet).</summary>
    Task<bool> TrySaveAsync(string key, string json, long expectedVersion, DateTimeOffset at, CancellationToken ct = default);
}

public sealed record StoredSetting(string Key, string Json, long Version, DateTimeOffset UpdatedAt);
