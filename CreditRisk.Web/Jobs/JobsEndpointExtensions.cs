using CreditRisk.Web.Authorization;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Jobs;

public static class JobsEndpointExtensions
{
    /// <summary>
    /// The Hangfire dashboard at <c>Jobs:DashboardPath</c> (default <c>/jobs</c>), for the Admin role only. The endpoint
    /// carries the Admin policy, so a person in a browser is sent to the sign-in page or the friendly access-denied
    /// page like on every other page (the cookie scheme's redirects), and the dashboard's own script requests still get a
    /// plain 401/403. Hangfire's filter checks the role again.
    /// </summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<JobsOptions>>().Value;
        endpoints.MapHangfireDashboard(options.DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorizationFilter()],
            DashboardTitle = "CreditRisk jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(AuthorizationPolicies.Admin);
        return endpoints;
    }
}
