using CreditRisk.Core.Identity;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Identity;

public static class IdentityServiceCollectionExtensions
{
    public const string SignInPath = "/account/signin";
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>
    /// ASP.NET Core Identity over our stores, the Identity cookie as the default scheme for the Blazor app, the admin
    /// bootstrap, customer phone sign-in with its send limits, and staff user management.
    /// </summary>
    public static IServiceCollection AddCreditRiskIdentity(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CustomerOtpOptions>().BindConfiguration(CustomerOtpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StaffSignInOptions>().BindConfiguration(StaffSignInOptions.SectionName).ValidateDataAnnotations()
            .Validate(
                o => o.FailuresPerAccountAndClientIp < o.FailuresPerAccount,
                $"{StaffSignInOptions.SectionName}:FailuresPerAccountAndClientIp must be below FailuresPerAccount, so that one address cannot use up an account's limit and keep its owner out.")
            .Validate(
                o => o.FailuresPerAccountAndClientIp <= o.FailuresPerClientIp,
                $"{StaffSignInOptions.SectionName}:FailuresPerAccountAndClientIp must not be above FailuresPerClientIp.")
            .ValidateOnStart();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): 12+ characters, no forced character classes.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<AppRole>()
            .AddUserStore<AppUserStore>()
            .AddRoleStore<AppRoleStore>()
            .AddSignInManager<CreditRiskSignInManager>()
            .AddClaimsPrincipalFactory<CreditRiskClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "CreditRisk.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;

            // Plain-http `dotnet run` is for Development only; everywhere else the cookie never travels unencrypted.
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = SignInPath;
            o.LogoutPath = AccountEndpoints.SignOutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton<IdentityAudit>();
        services.AddSingleton<OtpRateLimits>();
        services.AddScoped<CustomerOtpService>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<StaffSignInService>();
        services.AddScoped<StaffPasswordService>();
        services.AddScoped<StaffUserService>();
        services.AddHostedService<AdminBootstrapper>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<OtpRateLimits>((o, limits) =>
        {
            o.GlobalLimiter = limits.PerClientIp;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = (60 * context.HttpContext.RequestServices
                    .GetRequiredService<IOptions<CustomerOtpOptions>>().Value.SendWindowMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Too many sign-in codes were requested from this address. Please wait a few minutes and try again.",
                    },
                });
            };
        });
        return services;
    }
}
