using Microsoft.AspNetCore.Authorization;

namespace CreditRisk.Web.Authorization;

/// <summary>
/// Named policies for pages, endpoints and Blazor actions, so a page says what it needs
/// (<c>[Authorize(Policy = AuthorizationPolicies.Staff)]</c>) rather than repeating role lists.
/// </summary>
public static class AuthorizationPolicies
{
    /// <summary>Admins only: users, models, rules, API keys, the jobs dashboard.</summary>
    public const string Admin = "Admin";

    /// <summary>Admins and analysts: the portfolio, customer drill-downs, sending alerts.</summary>
    public const string Staff = "Staff";

    /// <summary>Signed-in customers linked to a card customer record.</summary>
    public const string Customer = "Customer";

    public static AuthorizationBuilder AddCreditRiskPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, policy => policy.RequireRole(AppRoles.Admin))
        .AddPolicy(Staff, policy => policy.RequireRole(AppRoles.Admin, AppRoles.Analyst))
        .AddPolicy(Customer, policy => policy
            .RequireRole(AppRoles.Customer)
            .RequireClaim(CreditRiskClaimTypes.CustomerId));
}
