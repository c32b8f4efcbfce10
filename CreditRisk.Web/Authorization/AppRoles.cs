namespace CreditRisk.Web.Authorization;

/// <summary>The three roles people sign in with. Role names are stored on <see cref="Core.Identity.AppUser.Roles"/>.</summary>
public static class AppRoles
{
    /// <summary>Everything, including users, models and rules.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads everything and sends alerts; changes no model, rule or user.</summary>
    public const string Analyst = "Analyst";

    /// <summary>A card customer: their own data only.</summary>
    public const string Customer = "Customer";
}
