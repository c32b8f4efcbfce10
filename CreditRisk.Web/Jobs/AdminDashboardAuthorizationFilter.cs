using Hangfire.Dashboard;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// Lets only signed-in users in the Admin role see the Hangfire dashboard. A second guard: the endpoint already requires
/// the Admin policy (<see cref="JobsEndpointExtensions"/>), which sends others to sign-in or access-denied first.
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
