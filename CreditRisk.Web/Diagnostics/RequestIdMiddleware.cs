namespace CreditRisk.Web.Diagnostics;

/// <summary>
/// Echoes <see cref="HttpContext.TraceIdentifier"/> as <c>X-Request-Id</c> on every response, so a caller can quote
/// the id that the structured logs carry as <c>RequestId</c>.
/// </summary>
internal static class RequestIdMiddleware
{
    public const string HeaderName = "X-Request-Id";

    public static IApplicationBuilder UseRequestIdHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // OnStarting, not now: the exception handler clears headers set earlier before writing its 500.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = context.TraceIdentifier;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
