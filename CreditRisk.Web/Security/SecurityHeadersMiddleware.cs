using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Web.Security;

/// <summary>
/// Security headers on every response. The content security policy fits Blazor Server: scripts only from this origin
/// (blazor.web.js, MudBlazor, ApexCharts under <c>/lib</c>) plus the page's inline import map by hash; inline styles,
/// which MudBlazor and ApexCharts set on elements; the circuit's WebSocket to this host; no framing by anyone.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The policy for one request; public so tests can compare it with what a page renders.</summary>
    public static string ContentSecurityPolicy(HttpContext context)
    {
        var host = context.Request.Host.Value;
        var scripts = "'self'";

        // Blazor renders the import map inline from the endpoint's metadata; allow exactly that text by its hash.
        if (context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap)
        {
            scripts += $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString())))}'";
        }

        var sockets = string.IsNullOrEmpty(host) ? "" : $" wss://{host}" + (context.Request.IsHttps ? "" : $" ws://{host}");
        return string.Join("; ",
            "default-src 'self'",
            $"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            $"connect-src 'self'{sockets}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }
}
