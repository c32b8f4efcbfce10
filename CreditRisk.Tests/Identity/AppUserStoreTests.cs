using CreditRisk.Core.Identity;
using CreditRisk.Tests.Ingestion;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Identity;

/// <summary>Identity's managers over our stores on a real (LiteDB) store: what UserManager does must stick.</summary>
public sealed class AppUserStoreTests : IAsyncLifetime
{
    private TempLiteDbStore _temp = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempLiteDbStore.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_temp.Store.Users);
        services.AddSingleton(_temp.Store.Roles);
        services.AddIdentityCore<AppUser>(o => o.Lockout.MaxFailedAccessAttempts = 5)
            .AddRoles<AppRole>()
            .AddUserStore<AppUserStore>()
            .AddRoleStore<AppRoleStore>();
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        Assert.True((await roles.CreateAsync(new AppRole { Id = "admin", Name = "Admin", NormalizedName = "" })).Succeeded);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    private UserManager<AppUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

    private static AppUser NewUser(string email) => new() { Id = Guid.NewGuid().ToString("N"), UserName = email, NormalizedUserName = "", Email = email };

    [Fact]
    public async Task CreateAsync_WithPassword_StoresNormalisedUserWhosePasswordChecks()
    {
        await using var scope = _services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("Asha@Bank.test");

        Assert.True((await users.CreateAsync(user, "Long-enough-Password-1")).Succeeded);

        var stored = await users.FindByEmailAsync("asha@bank.test");
        Assert.NotNull(stored);
        Assert.Equal("ASHA@BANK.TEST", stored.NormalizedUserName);
        Assert.NotNull(stored.PasswordHash);
        Assert.True(await users.CheckPasswordAsync(stored, "Long-enough-Password-1"));
        Assert.False(await users.CheckPasswordAsync(stored, "wrong-password-123"));
    }

    [Fact]
    public async Task AddToRoleAsync_KnownRole_StoresNormalisedNameAndReturnsDisplayName()
    {
        await using var scope = _services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("ravi@bank.test");
        await users.CreateAsync(user);

        Assert.True((await users.AddToRoleAsync(user, "Admin")).Succeeded);

        var stored = (await _temp.Store.Users.FindByIdAsync(user.Id))!;
        Assert.Equal(["ADMIN"], stored.Roles);
        Assert.Equal(["Admin"], await users.GetRolesAsync(stored));
        Assert.Single(await users.GetUsersInRoleAsync("Admin"));
    }

    [Fact]
    public async Task UpdateAsync_CopyMadeStaleByAnotherSave_FailsWithConcurrencyError()
    {
        await using var scope = _services.CreateAsyncScope();
        var users = Users(scope);
        await users.CreateAsync(NewUser("meera@bank.test"));
        var first = (await users.FindByEmailAsync("meera@bank.test"))!;
        var second = (await _temp.Store.Users.FindByIdAsync(first.Id))!;
        await using var otherScope = _services.CreateAsyncScope();
        Assert.True((await Users(otherScope).SetPhoneNumberAsync(second, "+15550009999")).Succeeded);

        var result = await users.SetPhoneNumberAsync(first, "+15550001111");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
        Assert.Equal("+15550009999", (await _temp.Store.Users.FindByIdAsync(first.Id))!.PhoneNumber);
    }

    [Fact]
    public async Task AccessFailedAsync_FiveTimes_LocksTheUserOut()
    {
        await using var scope = _services.CreateAsyncScope();
        var users = Users(scope);
        var user = NewUser("kiran@bank.test");
        await users.CreateAsync(user);

        for (var i = 0; i < 5; i++)
        {
            Assert.False(await users.IsLockedOutAsync(user));
            await users.AccessFailedAsync(user);
        }

        Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!));
    }
}
