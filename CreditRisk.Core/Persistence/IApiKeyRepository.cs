using CreditRisk.Core.Identity;

namespace CreditRisk.Core.Persistence;

public interface IApiKeyRepository
{
    Task AddAsync(ApiKey key, CancellationToken ct = default);

    Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken ct = default);

    /// <summary>All keys, newest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default);

    /// <summary>Sets <see cref="ApiKey.RevokedAt"/>; false when no such key exists or it is already revoked (the first time stays).</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Records a use: <see cref="ApiKey.LastUsedAt"/> moves forward only; an unknown id is ignored.</summary>
    Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct = default);
}
