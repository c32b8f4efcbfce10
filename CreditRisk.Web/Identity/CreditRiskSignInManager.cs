using CreditRisk.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Identity;

/// <summary>Identity's sign-in manager, refusing users an admin has disabled.</summary>
internal sealed class CreditRiskSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    IUserStore<AppUser> store)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        var current = store is AppUserStore appStore ? appStore.Current(user) : user;
        return !current.IsDisabled && await base.CanSignInAsync(user);
    }
}
