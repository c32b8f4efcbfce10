using Microsoft.AspNetCore.Server.Kestrel.Core;
using CreditRisk.Core.Portfolio;
using CreditRisk.Web.Api;
using CreditRisk.Web.Authentication;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Customers;
using CreditRisk.Web.Health;
using CreditRisk.Web.Identity;
using CreditRisk.Web.Jobs;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;

namespace CreditRisk.Web;

public static class DependencyInjection
{
    /// <summary>
    /// The web host's services: logging, problem details, API-key authentication, the ingestion API, health checks,
    /// background jobs (Hangfire) and the Blazor Server UI. Call after <c>AddCreditRiskCore</c>.
    /// </summary>
    public static WebApplicationBuilder AddCreditRiskWeb(this WebApplicationBuilder builder)
    {
        ConfigureLogging(builder);

        // Package assets (_content/MudBlazor/...) are served from the NuGet cache when running the build output;
        // ASP.NET only wires that up in Development, so `dotnet run` in Production would serve no CSS or JS.
        // A published app has no runtime manifest, and this is then a no-op.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;

        // "Server: Kestrel" tells an attacker what to aim at and a client nothing it needs.
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("requestId", context.HttpContext.TraceIdentifier));

        // The Identity cookie is the default scheme (Blazor pages, /jobs); /api/v1 names the API-key scheme in its policy.
        services.AddCreditRiskIdentity(builder.Environment);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, displayName: "API key", configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.Policy, policy => policy
                .AddAuthenticationSchemes(ApiKeyDefaults.Scheme)
                .RequireAuthenticatedUser())
            .AddCreditRiskPolicies();
        services.AddCascadingAuthenticationState();

        services.AddSingleton<IngestionRequestReader>();

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>(StoreHealthCheck.StoreKey, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));

        services.AddCreditRiskJobs(builder.Configuration);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCreditRiskConsole();

        // The portfolio page reads a snapshot kept fresh in the background, never the store (see PortfolioSnapshotService).
        services.AddHostedService(sp => sp.GetRequiredService<PortfolioSnapshotService>());
        return builder;
    }

    /// <summary>
    /// Readable one-line logs while developing; JSON with scopes (RequestId, TraceId, SpanId from the hosting layer)
    /// everywhere else, so a log shipper can index every field.
    /// </summary>
    private static void ConfigureLogging(IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
    }
}
