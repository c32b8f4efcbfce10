using System.Security.Claims;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Persistence;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CreditRisk.Web.Identity;

/// <summary>One staff account as the users page shows it.</summary>
public sealed record StaffUser(string Id, string Email, string Role, bool IsDisabled, bool IsLockedOut, DateTimeOffset CreatedAt);

/// <summary>A change to a staff account: done, or refused with a reason to show.</summary>
public sealed record StaffUserResult(bool Succeeded, string? Error = null)
{
    public static StaffUserResult Ok { get; } = new(true);

    public static StaffUserResult Fail(string error) => new(false, error);
}

/// <summary>
/// Admin operations on analyst and admin accounts: list, create, disable/enable, change role, set a new password for
/// one who forgot theirs. Each change is audited
/// with the acting admin. An admin cannot disable or demote themself, nor anyone who is the last enabled admin, so there
/// is always one admin left who can act.
/// </summary>
public sealed class StaffUserService(UserManager<AppUser> users, IUserRepository repository, IdentityAudit audit, TimeProvider time)
{
    private static readonly SemaphoreSlim s_adminChanges = new(1, 1);

    /// <summary>The roles a staff account can hold (exactly one).</summary>
    public static IReadOnlyList<string> StaffRoles { get; } = [AppRoles.Analyst, AppRoles.Admin];

    public async Task<IReadOnlyList<StaffUser>> ListAsync()
    {
        var all = new Dictionary<string, StaffUser>();
        foreach (var role in StaffRoles)
        {
            foreach (var user in await users.GetUsersInRoleAsync(role))
            {
                // An admin also holding Analyst is shown as Admin (the later, stronger role).
                all[user.Id] = new StaffUser(
                    user.Id, user.Email ?? user.UserName, role, user.IsDisabled,
                    user.LockoutEnd is { } end && end > time.GetUtcNow(), user.CreatedAt);
            }
        }

        return [.. all.Values.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<StaffUserResult> CreateAsync(ClaimsPrincipal actor, string email, string password, string role)
    {
        if (!StaffRoles.Contains(role))
        {
            return StaffUserResult.Fail("Choose Analyst or Admin.");
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N"),
            UserName = email.Trim(),
            NormalizedUserName = "",
            Email = email.Trim(),
            EmailConfirmed = true,
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (!result.Succeeded)
        {
            return StaffUserResult.Fail(string.Join(" ", result.Errors.Select(e => Describe(e, user.Email))));
        }

        await audit.RecordAsync(Name(actor), IdentityAudit.UserCreated, target: user.Email, newValue: role);
        return StaffUserResult.Ok;
    }

    public Task<StaffUserResult> SetDisabledAsync(ClaimsPrincipal actor, string userId, bool disabled) =>
        OneAtATimeAsync(() => SetDisabledNowAsync(actor, userId, disabled));

    public Task<StaffUserResult> ChangeRoleAsync(ClaimsPrincipal actor, string userId, string role) =>
        OneAtATimeAsync(() => ChangeRoleNowAsync(actor, userId, role));

    private async Task<StaffUserResult> SetDisabledNowAsync(ClaimsPrincipal actor, string userId, bool disabled)
    {
        if (await FindStaffAsync(userId) is not { } user)
        {
            return StaffUserResult.Fail("No such staff user.");
        }

        if (disabled && IsSelf(actor, user.Id))
        {
            return StaffUserResult.Fail("You cannot disable your own account.");
        }

        if (disabled && await IsLastEnabledAdminAsync(user))
        {
            return StaffUserResult.Fail(LastAdmin);
        }

        if (user.IsDisabled == disabled)
        {
            return StaffUserResult.Ok;
        }

        // Identity has no notion of "disabled"; a new security stamp ends the user's sessions at their next check.
        var changed = user with
        {
            IsDisabled = disabled,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        };
        if (!await repository.TryUpdateAsync(changed, user.ConcurrencyStamp))
        {
            return StaffUserResult.Fail("Someone else changed this user; reload and try again.");
        }

        await audit.RecordAsync(Name(actor), disabled ? IdentityAudit.UserDisabled : IdentityAudit.UserEnabled, target: user.Email);
        return StaffUserResult.Ok;
    }

    private async Task<StaffUserResult> ChangeRoleNowAsync(ClaimsPrincipal actor, string userId, string role)
    {
        if (!StaffRoles.Contains(role))
        {
            return StaffUserResult.Fail("Choose Analyst or Admin.");
        }

        if (await FindStaffAsync(userId) is not { } user)
        {
            return StaffUserResult.Fail("No such staff user.");
        }

        if (IsSelf(actor, user.Id) && role != AppRoles.Admin)
        {
            return StaffUserResult.Fail("You cannot remove your own Admin role.");
        }

        if (role != AppRoles.Admin && await IsLastEnabledAdminAsync(user))
        {
            return StaffUserResult.Fail(LastAdmin);
        }

        var old = (await users.GetRolesAsync(user)).Where(StaffRoles.Contains).ToList();
        if (old.SequenceEqual([role]))
        {
            return StaffUserResult.Ok;
        }

        var result = await users.RemoveFromRolesAsync(user, old);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (result.Succeeded)
        {
            // Role claims live in the cookie; a new stamp makes the next check re-issue or end the session.
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            return StaffUserResult.Fail(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await audit.RecordAsync(Name(actor), IdentityAudit.RoleChanged, target: user.Email, oldValue: string.Join(",", old), newValue: role);
        return StaffUserResult.Ok;
    }

    /// <summary>
    /// Sets a new password for a staff user who forgot theirs (before, a forgotten password needed a new account, and an
    /// email cannot be reused). The admin tells them it, as at creation, and they change it on the Change password page.
    /// One write with the old concurrency stamp: the hash, a new security stamp (their sessions end at the next check)
    /// and a lifted lockout, so a reset between two of Identity's writes cannot leave a half-changed account.
    /// </summary>
    public async Task<StaffUserResult> ResetPasswordAsync(ClaimsPrincipal actor, string userId, string password)
    {
        if (await FindStaffAsync(userId) is not { } user)
        {
            return StaffUserResult.Fail("No such staff user.");
        }

        // Your own goes through the Change password page, which asks for the current one.
        if (IsSelf(actor, user.Id))
        {
            return StaffUserResult.Fail("Change your own password on the Change password page.");
        }

        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            errors.AddRange(check.Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            return StaffUserResult.Fail(string.Join(" ", errors));
        }

        var changed = user with
        {
            PasswordHash = users.PasswordHasher.HashPassword(user, password),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            LockoutEnd = null,
            AccessFailedCount = 0,
        };
        if (!await repository.TryUpdateAsync(changed, user.ConcurrencyStamp))
        {
            return StaffUserResult.Fail("Someone else changed this user; reload and try again.");
        }

        await audit.RecordAsync(Name(actor), IdentityAudit.PasswordReset, target: user.Email);
        return StaffUserResult.Ok;
    }

    /// <summary>
    /// Runs changes that may take an admin away one at a time in this process, so the last-admin check and the write are
    /// one step: two admins disabling (or demoting) each other at the same moment both passed the check and left none.
    /// </summary>
    private static async Task<StaffUserResult> OneAtATimeAsync(Func<Task<StaffUserResult>> change)
    {
        await s_adminChanges.WaitAsync();
        try
        {
            return await change();
        }
        finally
        {
            s_adminChanges.Release();
        }
    }

    private const string LastAdmin = "This is the last enabled admin: make another admin first, so someone can still manage staff.";

    /// <summary>
    /// Whether <paramref name="user"/> is the only enabled admin, read from the store: the "not yourself" rule alone
    /// let two admins demote each other, the second acting from a page whose principal still said Admin.
    /// </summary>
    private async Task<bool> IsLastEnabledAdminAsync(AppUser user) =>
        !user.IsDisabled
        && user.Roles.Contains(users.NormalizeName(AppRoles.Admin))
        && !(await users.GetUsersInRoleAsync(AppRoles.Admin)).Any(u => u.Id != user.Id && !u.IsDisabled);

    private async Task<AppUser?> FindStaffAsync(string userId) =>
        await users.FindByIdAsync(userId) is { } user && StaffRoles.Any(r => user.Roles.Contains(users.NormalizeName(r))) ? user : null;

    /// <summary>Whether <paramref name="actor"/> is the staff user <paramref name="userId"/> (they may not disable or demote themself).</summary>
    public static bool IsSelf(ClaimsPrincipal actor, string userId) =>
        string.Equals(actor.FindFirstValue(ClaimTypes.NameIdentifier), userId, StringComparison.Ordinal);

    // The form asks for an email: Identity's "Username 'x' is already taken" named a field the page does not have.
    private static string Describe(IdentityError error, string email) =>
        error.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)
            ? $"A staff user with the email {email} already exists."
            : error.Description;

    private static string Name(ClaimsPrincipal actor) => actor.Identity?.Name ?? "unknown";
}
