using System.Text.Json;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Demo;

/// <summary>
/// The demo seeding's marker, stored under settings key <see cref="SettingsKey"/>: written as <c>started</c> before the
/// first write, so a seed interrupted by a crash is found on the next start and finished with the same portfolio
/// (the recorded plan, end date included), and as <c>completed</c> at the end, so it never runs twice.
/// </summary>
public sealed record DemoSeedState
{
    /// <summary>Settings key of the marker.</summary>
    public const string SettingsKey = "demo-seed";

    public const string Started = "started";
    public const string Completed = "completed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><see cref="Started"/> or <see cref="Completed"/>.</summary>
    public required string Status { get; init; }

    public required int Customers { get; init; }

    public required int Months { get; init; }

    public required int Seed { get; init; }

    /// <summary>Exclusive end of the simulated period: the UTC date the seed started on.</summary>
    public required DateOnly EndDate { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The model version trained for the demo, once registered.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Version of the stored marker (0 = not stored); not part of the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long StoredVersion { get; init; }

    public static async Task<DemoSeedState?> ReadAsync(ISettingsRepository settings, CancellationToken ct)
    {
        var stored = await settings.GetAsync(SettingsKey, ct).ConfigureAwait(false);
        return stored is null
            ? null
            : (JsonSerializer.Deserialize<DemoSeedState>(stored.Json, Json)
                ?? throw new InvalidOperationException($"Setting '{SettingsKey}' is empty.")) with { StoredVersion = stored.Version };
    }

    /// <summary>Saves over the version this state was read as; returns the saved state, or null when another writer got there first.</summary>
    public async Task<DemoSeedState?> TrySaveAsync(ISettingsRepository settings, DateTimeOffset at, CancellationToken ct) =>
        await settings.TrySaveAsync(SettingsKey, JsonSerializer.Serialize(this, Json), StoredVersion, at, ct).ConfigureAwait(false)
            ? this with { StoredVersion = StoredVersion + 1 }
            : null;
}
