using CreditRisk.Core.Identity;

namespace CreditRisk.Core.Persistence;

public interface IRoleRepository
{
    /// <summary>False, storing nothing, when the id or the normalised name is taken.</summary>
    Task<bool> TryCreateAsync(AppRole role, CancellationToken ct = default);

    Task UpdateAsync(AppRole role, CancellationToken ct = default);

    Task DeleteAsync(string id, CancellationToken ct = default);

    Task<AppRole?> FindByIdAsync(string id, CancellationToken ct = default);

    Task<AppRole?> FindByNormalizedNameAsync(string normalizedName, CancellationToken ct = default);

    Task<IReadOnlyList<AppRole>> ListAsync(CancellationToken ct = default);
}
