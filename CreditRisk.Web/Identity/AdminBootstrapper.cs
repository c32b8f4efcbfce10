using System.Security.Cryptography;
using CreditRisk.Core.Identity;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Identity;

/// <summary>
/// At start-up: creates the three roles, then the first admin from <see cref="BootstrapOptions"/> if it does not exist.
/// In Development with no admin configured and none stored, creates one with a generated password printed once to the
/// console. Never falls back to a built-in password. Runs after the store initializer (registered later).
/// </summary>
internal sealed partial class AdminBootstrapper(
    IServiceScopeFactory scopes,
    IOptions<BootstrapOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<AdminBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var name in new[] { AppRoles.Admin, AppRoles.Analyst, AppRoles.Customer })
        {
            if (await roles.FindByNameAsync(name) is null)
            {
                // A parallel start may win the race; the unique name index keeps one.
                await roles.CreateAsync(new AppRole { Id = name.ToLowerInvariant(), Name = name, NormalizedName = "" });
            }
        }

        var configured = options.Value;
        if (!string.IsNullOrWhiteSpace(configured.AdminEmail))
        {
            if (await users.FindByEmailAsync(configured.AdminEmail) is not null)
            {
                return;
            }

            if (string.IsNullOrEmpty(configured.AdminPassword) && !environment.IsDevelopment())
            {
                LogNoPassword(configured.AdminEmail);
                return;
            }

            var password = string.IsNullOrEmpty(configured.AdminPassword) ? GeneratePassword() : configured.AdminPassword;
            if (await CreateAdminAsync(users, configured.AdminEmail, password) && string.IsNullOrEmpty(configured.AdminPassword))
            {
                PrintOnce(configured.AdminEmail, password);
            }

            return;
        }

        if ((await users.GetUsersInRoleAsync(AppRoles.Admin)).Count > 0)
        {
            return;
        }

        if (!environment.IsDevelopment())
        {
            LogNoAdmin();
            return;
        }

        var generated = GeneratePassword();
        if (await CreateAdminAsync(users, BootstrapOptions.DevelopmentAdminEmail, generated))
        {
            PrintOnce(BootstrapOptions.DevelopmentAdminEmail, generated);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> CreateAdminAsync(UserManager<AppUser> users, string email, string password)
    {
        var admin = new AppUser
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N"),
            UserName = email,
            NormalizedUserName = "",
            Email = email,
            EmailConfirmed = true,
        };
        var created = await users.CreateAsync(admin, password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(admin, AppRoles.Admin);
        }

        if (!created.Succeeded)
        {
            // Bad configuration (a password the policy refuses) must stop the start, not leave a silent app without admin.
            throw new InvalidOperationException(
                $"Bootstrap: could not create the admin '{email}': {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        LogCreated(email);
        return true;
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_') + "a1";

    // Deliberately the console, not the log: the password must not reach a log shipper.
    private static void PrintOnce(string email, string password)
    {
        Console.WriteLine();
        Console.WriteLine("==================== CreditRisk development admin ====================");
        Console.WriteLine($"  Sign in at /account/signin as {email} with password: {password}");
        Console.WriteLine("  Shown once. Set Bootstrap__AdminEmail and Bootstrap__AdminPassword outside Development.");
        Console.WriteLine("=======================================================================");
        Console.WriteLine();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap: created the admin {Email}")]
    private partial void LogCreated(string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bootstrap: Bootstrap:AdminEmail is {Email} but Bootstrap:AdminPassword is not set; no admin was created")]
    private partial void LogNoPassword(string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrap: no admin exists; set Bootstrap__AdminEmail and Bootstrap__AdminPassword to create one")]
    private partial void LogNoAdmin();
}
