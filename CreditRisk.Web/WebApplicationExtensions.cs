using CreditRisk.Web.Api;
using CreditRisk.Web.Components;
using CreditRisk.Web.Diagnostics;
using CreditRisk.Web.Health;
using CreditRisk.Web.Identity;
using CreditRisk.Web.Security;
using CreditRisk.Web.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CreditRisk.Web;

public static class WebApplicationExtensions
{
    /// <summary>The request pipeline and every endpoint: UI, <c>/api/v1</c>, <c>/api/whatsapp/webhook</c>, <c>/jobs</c>, <c>/health</c>.</summary>
    public static WebApplication UseCreditRiskWeb(this WebApplication app)
    {
        app.UseRequestIdHeader();

        // API callers get problem details; people in a browser get the error page. Neither sees exception details.
        app.UseWhen(context => !IsApi(context), branch => branch.UseExceptionHandler("/Error", createScopeForErrors: true));
        app.UseExceptionHandler();

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();

        // An API status with no body of its own (an unknown route's 404, a wrong method's 405) gets problem details too,
        // as every answer of the API does; it was an empty body with no content type.
        app.UseWhen(IsApi, branch => branch.UseStatusCodePages());
        app.UseFriendlyNotFoundPage(IsApi);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapIngestionApi();
        app.MapRiskApi();
        app.MapRiskGridExport();
        app.MapWhatsAppWebhook();
        app.MapJobsDashboard();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health");
}
