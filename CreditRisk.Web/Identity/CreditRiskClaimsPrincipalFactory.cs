using System.Security.Claims;
using CreditRisk.Core.Identity;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Identity;

/// <summary>Identity's claims (id, name, security stamp, role claims) plus, for customers, the linked customer id.</summary>
internal sealed class CreditRiskClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options,
    IUserStore<AppUser> store)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var current = store is AppUserStore appStore ? appStore.Current(user) : user;
        if (current.CustomerId is { Length: > 0 } customerId && identity.HasClaim(identity.RoleClaimType, AppRoles.Customer))
        {
            identity.AddClaim(new Claim(CreditRiskClaimTypes.CustomerId, customerId));
        }

        return identity;
    }
}
