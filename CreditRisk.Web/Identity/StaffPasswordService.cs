using System.Net;
using System.Security.Claims;
using CreditRisk.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace CreditRisk.Web.Identity;

/// <summary>
/// A staff user changes their own password (the one an admin set when creating the account is known to that admin).
/// The current password is checked under the sign-in throttle, so a borrowed session cannot be used to guess it; the
/// change renews the security stamp, which ends the user's other sessions, and this browser is signed in again.
/// </summary>
public sealed class StaffPasswordService(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInThrottle throttle, IdentityAudit audit)
{
    /// <summary>Changes the password of <paramref name="actor"/>; null when done, else why not, in words for the page.</summary>
    public async Task<string?> ChangeAsync(ClaimsPrincipal actor, string current, string next, IPAddress? client)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await users.GetUserAsync(actor) is not { } user)
        {
            return "Your account was not found; sign in again.";
        }

        var name = user.UserName ?? user.Id;
        if (throttle.TryReserve(client, name) is not { } reservation)
        {
            await audit.RecordAsync(name, IdentityAudit.SignInThrottled, details: "password change");
            return $"Too many wrong passwords. Please wait {(int)throttle.RetryAfter.TotalMinutes} minutes and try again.";
        }

        // Identity checks the current password first, and only a right one reaches the new password's rules.
        var result = await users.ChangePasswordAsync(user, current, next);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            await audit.RecordAsync(name, IdentityAudit.PasswordChangeFailed, details: "current password");
            return "Your current password is not right.";
        }

        reservation.Succeeded();
        if (!result.Succeeded)
        {
            return string.Join(" ", result.Errors.Select(e => e.Description));
        }

        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(name, IdentityAudit.PasswordChanged);
        return null;
    }
}
