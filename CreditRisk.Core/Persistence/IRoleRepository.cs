using CreditRisk.Core.Identity;

namespace CreditRisk.Core.Persistence;

public interface IRoleRepository
{
    Task<bool> TryCreateAsync(AppRole role, CancellationToken ct = default);

    Task UpdateAsync(AppRole role, CancellationToken ct = default);

    Task DeleteAsync(string id, CancellationToken ct = default);

    Task<AppRole?> FindByIdAsync(string id, CancellationToken ct = default);

    Task<AppRole?> FindByNormalizedNameAsync(string normalizedName, CancellationToken ct = default);

    Task<IReadOnlyList<AppRole>> ListAsync(CancellationToken ct = default);
}
