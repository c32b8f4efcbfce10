using CreditRisk.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace CreditRisk.Web.Identity;

public static class AccountEndpoints
{
    public const string SignOutPath = "/account/signout";

    /// <summary>
    /// <c>POST /account/signout</c> (antiforgery-checked form post): ends the user's sessions everywhere and goes to the
    /// sign-in page.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignOutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn, IdentityAudit audit) =>
        {
            // Checked here rather than by the endpoint filter, whose failure surfaces as an exception (500 behind the error page).
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var name = context.User.Identity?.Name;

            // A new security stamp ends every session of this user at its next check (other tabs, other devices, a
            // copied cookie, open Blazor circuits), not just this browser's cookie.
            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            if (name is not null)
            {
                await audit.RecordAsync(name, IdentityAudit.SignedOut);
            }

            return Results.LocalRedirect("~/account/signin");
        }).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }
}
