using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditRisk.Web.Health;

/// <summary>Writes <c>{"status":"Healthy","store":"LiteDB (data/creditrisk.db)"}</c>.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var store = report.Entries.TryGetValue(StoreHealthCheck.StoreKey, out var entry)
            && entry.Data.TryGetValue(StoreHealthCheck.StoreKey, out var description)
            ? description as string
            : null;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(
            context.Response.Body,
            new HealthResponse(report.Status.ToString(), store),
            JsonSerializerOptions.Web,
            context.RequestAborted);
    }

    private sealed record HealthResponse(string Status, string? Store);
}
