using Microsoft.AspNetCore.Diagnostics;

namespace CreditRisk.Web.Diagnostics;

public static class NotFoundPageExtensions
{
    /// <summary>The app's own "not found" page path (<c>Components/Pages/NotFound.razor</c>).</summary>
    public const string NotFoundPath = "/not-found";

    /// <summary>
    /// A browser asking for an unknown address gets the app's "not found" page (status 404 kept) instead of an empty
    /// response. Only 404s: 400s, 401s and 403s keep their own meaning and body (the jobs dashboard's polling, a refused
    /// antiforgery token), so status code pages are switched off for every other status, and for API callers.
    /// </summary>
    /// <param name="isApi">Requests that get problem details or bare statuses, never a page.</param>
    public static IApplicationBuilder UseFriendlyNotFoundPage(this IApplicationBuilder app, Func<HttpContext, bool> isApi)
    {
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        app.Use(async (context, next) =>
        {
            await next(context);
            if ((context.Response.StatusCode != StatusCodes.Status404NotFound || isApi(context))
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
        });
        return app;
    }
}
