using System.Net;
using CreditRisk.Core.Identity;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CreditRisk.Web.Identity;

/// <summary>What a staff sign-in attempt came to.</summary>
public enum StaffSignInOutcome
{
    SignedIn,

    /// <summary>Unknown account, wrong password, disabled or locked: one answer for all, so none can be told apart.</summary>
    Refused,

    /// <summary>Too many failures from this address or on this account (<see cref="SignInThrottle"/>); nothing was checked.</summary>
    Throttled,
}

/// <summary>
/// Staff email-and-password sign-in, hardened against guessing and enumeration (docs/identity.md, "Staff sign-in
/// abuse"): the <see cref="SignInThrottle"/> answers before the account is even looked up; unknown, disabled and
/// locked accounts get the same answer as a wrong password after the same password-hashing work; and failures never
/// lock the account itself (the throttle's per-address counter is the lockout), so an attacker cannot keep its owner
/// out.
/// </summary>
public sealed class StaffSignInService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    SignInThrottle throttle,
    IdentityAudit audit)
{
    private static readonly AppUser Nobody = new() { Id = "nobody", UserName = "nobody", NormalizedUserName = "NOBODY" };
    private static string? s_nobodysHash;

    /// <summary>Signs in with the Identity cookie on success; returns the outcome and, when signed in, the user's home page.</summary>
    public async Task<(StaffSignInOutcome Outcome, string? Home)> SignInAsync(string email, string password, IPAddress? client)
    {
        email = email.Trim();
        if (throttle.TryReserve(client, email) is not { } reservation)
        {
            await audit.RecordAsync(email, IdentityAudit.SignInThrottled, details: SignInThrottle.ClientKey(client));
            return (StaffSignInOutcome.Throttled, null);
        }

        var user = await users.FindByNameAsync(email);
        if (user is null)
        {
            SpendAHashCheck(Nobody, NobodysHash(), password);
            await audit.RecordAsync(email, IdentityAudit.SignInFailed, details: "unknown account");
            return (StaffSignInOutcome.Refused, null);
        }

        // Identity answers these before checking the password, which would make them measurably faster than a wrong one.
        if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            SpendAHashCheck(user, user.PasswordHash ?? NobodysHash(), password);
            await audit.RecordAsync(email, IdentityAudit.SignInFailed, details: "not allowed (disabled or locked)");
            return (StaffSignInOutcome.Refused, null);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(email, IdentityAudit.SignInFailed, details: "password");
            return (StaffSignInOutcome.Refused, null);
        }

        reservation.Succeeded();
        await audit.RecordAsync(email, IdentityAudit.SignInSucceeded, details: "password");
        return (StaffSignInOutcome.SignedIn, await users.IsInRoleAsync(user, AppRoles.Customer) ? "/me" : "/");
    }

    private void SpendAHashCheck(AppUser user, string hash, string password) =>
        users.PasswordHasher.VerifyHashedPassword(user, hash, password);

    /// <summary>A real hash of a random password, made with the configured hasher so checking it costs the same.</summary>
    private string NobodysHash() =>
        s_nobodysHash ??= users.PasswordHasher.HashPassword(Nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}
