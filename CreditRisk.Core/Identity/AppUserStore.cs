using CreditRisk.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace CreditRisk.Core.Identity;

/// <summary>
/// ASP.NET Core Identity's user store over <see cref="IUserRepository"/>, so the same Identity setup runs on LiteDB and
/// MongoDB. Saves are optimistic: a stale <see cref="AppUser.ConcurrencyStamp"/> fails the update with Identity's
/// concurrency error. Role names are kept normalised on the user; <see cref="GetRolesAsync"/> returns display names.
/// </summary>
public sealed class AppUserStore(
    IUserRepository users,
    IRoleRepository roles,
    TimeProvider time,
    IdentityErrorDescriber? describer = null) :
    IUserPasswordStore<AppUser>,
    IUserEmailStore<AppUser>,
    IUserPhoneNumberStore<AppUser>,
    IUserLockoutStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserRoleStore<AppUser>
{
    private readonly IdentityErrorDescriber _errors = describer ?? new IdentityErrorDescriber();
    private readonly WorkingCopies<AppUser> _copies = new();

    /// <summary>The latest version of <paramref name="user"/>, with every change made through this store so far.</summary>
    public AppUser Current(AppUser user) => _copies.Current(user);

    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken)
    {
        var current = Current(user);
        if (current.CreatedAt == default)
        {
            current = current with { CreatedAt = TruncateToMilliseconds(time.GetUtcNow()) };
        }

        if (!await users.TryCreateAsync(current, cancellationToken))
        {
            return IdentityResult.Failed(_errors.DuplicateUserName(current.UserName));
        }

        _copies.Set(user, current);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken)
    {
        var current = Current(user);
        var saved = current with { ConcurrencyStamp = Guid.NewGuid().ToString("N") };
        if (!await users.TryUpdateAsync(saved, current.ConcurrencyStamp, cancellationToken))
        {
            return IdentityResult.Failed(_errors.ConcurrencyFailure());
        }

        _copies.Set(user, saved);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken)
    {
        await users.DeleteAsync(user.Id, cancellationToken);
        return IdentityResult.Success;
    }

    public Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        users.FindByIdAsync(userId, cancellationToken);

    public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        users.FindByNormalizedUserNameAsync(normalizedUserName, cancellationToken);

    public Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        users.FindByNormalizedEmailAsync(normalizedEmail, cancellationToken);

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).Id);

    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(Current(user).UserName);

    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken) =>
        Change(user, u => u with { UserName = userName ?? "" });

    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Current(user).NormalizedUserName);

    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken) =>
        Change(user, u => u with { NormalizedUserName = normalizedName ?? "" });

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken) =>
        Change(user, u => u with { PasswordHash = passwordHash });

    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).PasswordHash);

    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).PasswordHash is not null);

    public Task SetEmailAsync(AppUser user, string? email, CancellationToken cancellationToken) => Change(user, u => u with { Email = email });

    public Task<string?> GetEmailAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).Email);

    public Task<bool> GetEmailConfirmedAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).EmailConfirmed);

    public Task SetEmailConfirmedAsync(AppUser user, bool confirmed, CancellationToken cancellationToken) =>
        Change(user, u => u with { EmailConfirmed = confirmed });

    public Task<string?> GetNormalizedEmailAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).NormalizedEmail);

    public Task SetNormalizedEmailAsync(AppUser user, string? normalizedEmail, CancellationToken cancellationToken) =>
        Change(user, u => u with { NormalizedEmail = normalizedEmail });

    public Task SetPhoneNumberAsync(AppUser user, string? phoneNumber, CancellationToken cancellationToken) =>
        Change(user, u => u with { PhoneNumber = phoneNumber });

    public Task<string?> GetPhoneNumberAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).PhoneNumber);

    public Task<bool> GetPhoneNumberConfirmedAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult(Current(user).PhoneNumberConfirmed);

    public Task SetPhoneNumberConfirmedAsync(AppUser user, bool confirmed, CancellationToken cancellationToken) =>
        Change(user, u => u with { PhoneNumberConfirmed = confirmed });

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).LockoutEnd);

    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) =>
        Change(user, u => u with { LockoutEnd = lockoutEnd is { } end && end != DateTimeOffset.MaxValue ? TruncateToMilliseconds(end) : lockoutEnd });

    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken)
    {
        _copies.Change(user, u => u with { AccessFailedCount = u.AccessFailedCount + 1 });
        return Task.FromResult(Current(user).AccessFailedCount);
    }

    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) =>
        Change(user, u => u with { AccessFailedCount = 0 });

    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Current(user).LockoutEnabled);

    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken) =>
        Change(user, u => u with { LockoutEnabled = enabled });

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken) =>
        Change(user, u => u with { SecurityStamp = stamp });

    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(Current(user).SecurityStamp);

    public Task AddToRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        Change(user, u => u.Roles.Contains(roleName, StringComparer.Ordinal) ? u : u with { Roles = [.. u.Roles, roleName] });

    public Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        Change(user, u => u with { Roles = [.. u.Roles.Where(r => !string.Equals(r, roleName, StringComparison.Ordinal))] });

    /// <summary>Display names of the user's roles (as stored on <see cref="AppRole.Name"/>), which role claims carry.</summary>
    public async Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var normalized in Current(user).Roles)
        {
            var role = await roles.FindByNormalizedNameAsync(normalized, cancellationToken);
            names.Add(role?.Name ?? normalized);
        }

        return names;
    }

    public Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        Task.FromResult(Current(user).Roles.Contains(roleName, StringComparer.Ordinal));

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        [.. await users.ListInRoleAsync(roleName, cancellationToken)];

    public void Dispose()
    {
    }

    private Task Change(AppUser user, Func<AppUser, AppUser> change)
    {
        _copies.Change(user, change);
        return Task.CompletedTask;
    }

    // Both stores keep milliseconds; a value read back must equal the one Identity compared against.
    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
