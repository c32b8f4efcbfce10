using Hangfire;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Jobs;

public static class JobsEndpointExtensions
{
    /// <summary>The Hangfire dashboard at <c>Jobs:DashboardPath</c> (default <c>/jobs</c>), for the Admin role only.</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<JobsOptions>>().Value;
        endpoints.MapHangfireDashboard(options.DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorizationFilter()],
            DashboardTitle = "CreditRisk jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        });
        return endpoints;
    }
}
