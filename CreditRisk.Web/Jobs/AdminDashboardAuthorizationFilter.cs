using Hangfire.Dashboard;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// Lets only signed-in users in the Admin role see the Hangfire dashboard. Hangfire answers 401 to anonymous requests
/// and 403 to signed-in users without the role.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    /// <summary>The role allowed in.</summary>
    public const string Role = Authorization.AppRoles.Admin;

    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Role);
    }
}
