using CreditRisk.Core.Features;

namespace CreditRisk.Core.Persistence;

public interface IBehaviorProfileRepository
{
    Task<BehaviorProfile?> GetAsync(string customerId, CancellationToken ct = default);

    Task<IReadOnlyDictionary<string, BehaviorProfile>> GetManyAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct = default);

    /// <summary>
    /// Saves <paramref name="profile"/> if the stored version still equals <paramref name="expectedVersion"/>
    /// (0 = not stored yet). The stored copy gets version <c>expectedVersion + 1</c>. Returns false on a conflict,
    /// in which case nothing changed and the caller re-reads and retries.
    /// </summary>
    Task<bool> TrySaveAsync(BehaviorProfile profile, long expectedVersion, CancellationToken ct = default);

    /// <summary>
    /// <see cref="TrySaveAsync"/> for many profiles (one per customer), in as few writes as the store allows: the
    /// embedded store commits them together, which is several times faster than a commit each. Returns the customer
    /// ids whose save lost the version check; every other profile is saved. The default saves one at a time.
    /// </summary>
    async Task<IReadOnlySet<string>> TrySaveManyAsync(IReadOnlyList<ProfileSave> saves, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(saves);
        var conflicts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var save in saves)
        {
            if (!await TrySaveAsync(save.Profile, save.ExpectedVersion, ct).ConfigureAwait(false))
            {
                conflicts.Add(save.Profile.CustomerId);
            }
        }

        return conflicts;
    }
}

/// <summary>A profile to save if the stored version still equals <paramref name="ExpectedVersion"/> (0 = not stored yet).</summary>
public readonly record struct ProfileSave(BehaviorProfile Profile, long ExpectedVersion);
