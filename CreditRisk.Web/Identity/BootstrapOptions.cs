using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Web.Identity;

/// <summary>The first admin account (<c>Bootstrap__AdminEmail</c>, <c>Bootstrap__AdminPassword</c>). There is no built-in default password.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    /// <summary>
    /// Email (and user name) of the admin created at start-up when it does not exist yet. Default: none; in Development
    /// without it, <see cref="DevelopmentAdminEmail"/> is used with a generated password printed once to the console.
    /// </summary>
    [EmailAddress]
    public string? AdminEmail { get; set; }

    /// <summary>Password for <see cref="AdminEmail"/>, read only when that admin is created. Default: none.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Email of the Development-only generated admin.</summary>
    public const string DevelopmentAdminEmail = "admin@creditrisk.local";
}
