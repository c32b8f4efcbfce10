using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditRisk.Web.Health;

/// <summary>
/// Writes <c>{"status":"Healthy"}</c>. <c>/health</c> is anonymous (load balancers call it), so it says whether the app
/// can serve and nothing about how: the storage engine and the database path are in the start-up log for operators.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(
            context.Response.Body, new HealthResponse(report.Status.ToString()), JsonSerializerOptions.Web, context.RequestAborted);
    }

    private sealed record HealthResponse(string Status);
}
