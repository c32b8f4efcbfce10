using System.Globalization;
using System.Text;
using System.Text.Json;
using CreditRisk.Core.Alerts;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.Customers;

namespace CreditRisk.Web.Api;

/// <summary>
/// <c>GET /admin/customers/export.csv</c>: the high-risk grid's current view (same filters, search and order, every
/// page) as CSV, for staff only (customers are sent to the access-denied page like on every staff page). Streamed in
/// batches of <see cref="RiskGridService.ExportBatchSize"/> rows, so a large portfolio never sits in memory, and audited
/// (<c>customers.exported</c>: who, which filter, how many rows).
/// </summary>
internal static class RiskGridExportEndpoint
{
    public const string Path = "/admin/customers/export.csv";

    public const string AuditAction = "customers.exported";

    private static readonly string[] Header =
        ["customer_id", "name", "band", "score", "utilisation_pct", "days_past_due", "days_past_due_as_of", "main_reason", "assessed_at_utc", "last_alert_status", "last_alert_at_utc", "whatsapp_opt_in"];

    public static IEndpointRouteBuilder MapRiskGridExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(AuthorizationPolicies.Staff).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, RiskGridService grid, ICreditRiskStore store, TimeProvider time, CancellationToken ct)
    {
        var (parsed, field, detail) = RiskGridExportQuery.Parse(http.Request.Query);
        if (parsed is null)
        {
            return ApiProblems.Status(StatusCodes.Status400BadRequest, $"Invalid {field}", detail!);
        }

        var (filter, sortBy, descending) = parsed;
        if (await grid.SearchIsCappedAsync(filter.Search, ct))
        {
            // A file of the first 200 matches' rows would pass for the whole search's.
            return ApiProblems.Status(StatusCodes.Status400BadRequest, "Invalid q",
                $"q matches more than {RiskGridService.MaxSearchMatches} customers; narrow it (more of the id, name or phone) to export.");
        }

        var response = http.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"high-risk-customers-{time.GetUtcNow():yyyyMMdd-HHmm}.csv\"";
        var rows = 0;
        try
        {
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            await writer.WriteLineAsync(string.Join(',', Header));
            await foreach (var row in grid.StreamAsync(filter.ToQuery(sortBy, descending, 0, RiskGridService.ExportBatchSize), filter.Search, ct))
            {
                await writer.WriteLineAsync(Line(row));
                if (++rows % RiskGridService.ExportBatchSize == 0)
                {
                    await writer.FlushAsync(ct);
                }
            }
        }
        finally
        {
            // Audited whether the download finished or the browser gave up: either way the data left the building.
            await store.Audit.AddAsync(new AuditEntry
            {
                Id = AuditIds.Next(time.GetUtcNow()),
                At = time.GetUtcNow(),
                Actor = ActorName.Of(http.User),
                Action = AuditAction,
                Target = "high-risk grid",
                Details = JsonSerializer.Serialize(new
                {
                    Band = filter.Band?.ToString() ?? "any", filter.MinScore, Rule = filter.RuleId ?? "any",
                    Alert = filter.AlertStatus?.ToString() ?? "any", Search = filter.Search ?? "", Rows = rows,
                }),
            }, CancellationToken.None);
        }

        return Results.Empty;
    }

    private static string Line(RiskGridRow row) => string.Join(',',
        Cell(row.CustomerId),
        Cell(row.CustomerName),
        row.Band.ToString(),
        // Empty when no model scored the customer: the stored stand-in (High 0.9) is an order, not a probability.
        row.RulesOnly ? "" : row.Score.ToString("0.0000", CultureInfo.InvariantCulture),
        row.UtilisationPct?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
        row.DaysPastDue.ToString(CultureInfo.InvariantCulture),
        // The day the days are counted to (the assessment's data day), as the grid names it when it is not today.
        row.PastDue?.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        Cell(row.Reasons.FirstOrDefault() ?? ""),
        row.AssessedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        row.LastAlertStatus?.ToString() ?? "",
        row.LastAlertAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
        row.WhatsAppOptIn ? "yes" : "no");

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula (=, +, -, @, tab, CR):
    /// names and reasons come from outside the bank's staff.
    /// </summary>
    internal static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
