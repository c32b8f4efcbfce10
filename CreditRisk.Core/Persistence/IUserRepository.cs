using CreditRisk.Core.Identity;

namespace CreditRisk.Core.Persistence;

/// <summary>Storage for <see cref="AppUser"/>; the Identity user store is written over it.</summary>
public interface IUserRepository
{
    /// <summary>False, storing nothing, when the id or the normalised user name is taken.</summary>
    Task<bool> TryCreateAsync(AppUser user, CancellationToken ct = default);

    /// <summary>
    /// Replaces the user if its stored <see cref="AppUser.ConcurrencyStamp"/> equals <paramref name="expectedConcurrencyStamp"/>;
    /// false when it does not, when the user is gone, or when the new normalised user name belongs to another user.
    /// A stored <see cref="AppUser.WelcomeSentAt"/> is never cleared (a copy read before the claim must not undo it).
    /// </summary>
    Task<bool> TryUpdateAsync(AppUser user, string expectedConcurrencyStamp, CancellationToken ct = default);

    Task DeleteAsync(string id, CancellationToken ct = default);

    Task<AppUser?> FindByIdAsync(string id, CancellationToken ct = default);

    Task<AppUser?> FindByNormalizedUserNameAsync(string normalizedUserName, CancellationToken ct = default);

    Task<AppUser?> FindByNormalizedEmailAsync(string normalizedEmail, CancellationToken ct = default);

    /// <summary>The account holding <paramref name="phone"/>; when several do (a number the bank moved), the earliest created, then the lowest id.</summary>
    Task<AppUser?> FindByPhoneAsync(string phone, CancellationToken ct = default);

    Task<IReadOnlyList<AppUser>> ListInRoleAsync(string normalizedRoleName, CancellationToken ct = default);

    /// <summary>Sets <see cref="AppUser.WelcomeSentAt"/> if it is still null; true for exactly one caller.</summary>
    Task<bool> TryClaimWelcomeAsync(string userId, DateTimeOffset at, CancellationToken ct = default);
}
