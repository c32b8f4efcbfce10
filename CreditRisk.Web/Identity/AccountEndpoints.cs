using CreditRisk.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CreditRisk.Web.Identity;

public static class AccountEndpoints
{
    public const string SignOutPath = "/account/signout";

    /// <summary><c>POST /account/signout</c> (antiforgery-checked form post): ends the cookie session and goes to the sign-in page.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignOutPath, async ([FromForm] string? returnUrl, HttpContext context, SignInManager<AppUser> signIn, IdentityAudit audit) =>
        {
            var name = context.User.Identity?.Name;
            await signIn.SignOutAsync();
            if (name is not null)
            {
                await audit.RecordAsync(name, IdentityAudit.SignedOut);
            }

            return TypedResults.LocalRedirect("~/account/signin");
        }).ExcludeFromDescription();
        return endpoints;
    }
}
