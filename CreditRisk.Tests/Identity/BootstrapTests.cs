using System.Net;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Identity;

public sealed class BootstrapTests
{
    [Fact]
    public async Task Start_AdminConfigured_AdminCanSignInAndOpenUsers()
    {
        await using var app = new CreditRiskWebFactory();
        app.Settings["Bootstrap:AdminEmail"] = "root@bank.test";
        app.Settings["Bootstrap:AdminPassword"] = "a-configured-password-1";
        using var client = app.CreateBrowserClient();

        var signIn = await client.PostStaffSignInAsync("root@bank.test", "a-configured-password-1");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Start_DevelopmentWithoutSettings_CreatesTheDevelopmentAdminWithAGeneratedPassword()
    {
        await using var app = new CreditRiskWebFactory();

        var admin = await app.Store.Users.FindByNormalizedUserNameAsync("ADMIN@CREDITRISK.LOCAL");

        Assert.NotNull(admin);
        Assert.Equal(["ADMIN"], admin.Roles);
        Assert.NotNull(admin.PasswordHash);
    }

    [Fact]
    public async Task Start_ProductionWithoutSettings_CreatesNoAdmin()
    {
        await using var app = new CreditRiskWebFactory();
        app.Settings["Environment"] = "Production";
        app.Settings["environment"] = "Production";

        var admins = await app.Store.Users.ListInRoleAsync("ADMIN");

        Assert.Empty(admins);
        Assert.NotNull(await app.Store.Roles.FindByNormalizedNameAsync("ADMIN"));
    }

    [Fact]
    public async Task Start_ConfiguredAdminExists_KeepsItsPassword()
    {
        var path = Path.Combine(TestDirectories.New(), "creditrisk.db");
        try
        {
            await using (var first = new CreditRiskWebFactory(path))
            {
                first.Settings["Bootstrap:AdminEmail"] = "root@bank.test";
                first.Settings["Bootstrap:AdminPassword"] = "first-password-123";
                _ = first.Services;
            }

            await using var second = new CreditRiskWebFactory(path);
            second.Settings["Bootstrap:AdminEmail"] = "root@bank.test";
            second.Settings["Bootstrap:AdminPassword"] = "second-password-123";
            using var client = second.CreateBrowserClient();

            Assert.Equal(HttpStatusCode.Redirect, (await client.PostStaffSignInAsync("root@bank.test", "first-password-123")).StatusCode);
        }
        finally
        {
            TestDirectories.Delete(Path.GetDirectoryName(path)!);
        }
    }
}
