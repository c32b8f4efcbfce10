using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Web.Identity;

/// <summary>
/// Limits on failed staff sign-ins (<c>Identity:StaffSignIn</c>), counted in fixed windows of
/// <see cref="WindowMinutes"/>. They replace Identity's account lockout for staff: see docs/identity.md,
/// "Staff sign-in abuse". Validated at start, with the limits' order (one address must run out before the account does).
/// </summary>
public sealed class StaffSignInOptions
{
    public const string SectionName = "Identity:StaffSignIn";

    /// <summary>Failed sign-ins from one client address (any accounts; IPv6 by /64 network). Default 20.</summary>
    [Range(1, 10_000)]
    public int FailuresPerClientIp { get; set; } = 20;

    /// <summary>Failed sign-ins to one account from one client address: the lockout, scoped to the address. Default 5.</summary>
    [Range(1, 1_000)]
    public int FailuresPerAccountAndClientIp { get; set; } = 5;

    /// <summary>
    /// Failed sign-ins to one account from all addresses together (slows guessing spread over many addresses).
    /// Default 25 per 15 minutes, i.e. at most 100 an hour as OWASP ASVS V2.2.1 asks.
    /// </summary>
    [Range(1, 100_000)]
    public int FailuresPerAccount { get; set; } = 25;

    /// <summary>Length of the counting window, in minutes. Default 15.</summary>
    [Range(1, 1_440)]
    public int WindowMinutes { get; set; } = 15;
}
