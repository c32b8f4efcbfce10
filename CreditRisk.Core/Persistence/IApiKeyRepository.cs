using CreditRisk.Core.Identity;

namespace CreditRisk.Core.Persistence;

public interface IApiKeyRepository
{
    Task AddAsync(ApiKey key, CancellationToken ct = default);

    Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken ct = default);

    /// <summary>All keys, newest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default);

    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct = default);

    Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct = default);
}
