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
}
