extern alias web;

using System.Net;
using CreditRisk.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using web::CreditRisk.Web.Identity;

namespace CreditRisk.Tests.Identity;

public sealed class StaffSignInTests : IAsyncLifetime
{
    private readonly CreditRiskWebFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignIn_RightPassword_SetsSecureHttpOnlyLaxCookieAndGoesToTheReturnUrl()
    {
        await _app.CreateStaffAsync("asha@bank.test", "Analyst");
        using var client = _app.CreateBrowserClient();

        var response = await client.PostFormAsync("/account/signin?returnUrl=%2Fadmin%2Fusers", "staff-signin",
            new() { ["Input.Email"] = "asha@bank.test", ["Input.Password"] = SignedInClients.StaffPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/users", SignedInClients.PathOf(response));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CreditRisk.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(await _app.Store.Audit.ListAsync("auth.", 0, 10), e => e.Action == "auth.signin.succeeded" && e.Actor == "asha@bank.test");
    }

    [Theory]
    [InlineData("%2F%2Fevil.test")]
    [InlineData("%2F%5Cevil.test")]
    [InlineData("%2F%09%2Fevil.test")] // browsers drop a tab inside a URL: "/\t/evil.test" is "//evil.test" to them
    [InlineData("%2F%0A%2Fevil.test")]
    public async Task SignIn_ReturnUrlOffSite_GoesHomeInstead(string returnUrl)
    {
        await _app.CreateStaffAsync("asha@bank.test", "Analyst");
        using var client = _app.CreateBrowserClient();

        var response = await client.PostFormAsync("/account/signin?returnUrl=" + returnUrl, "staff-signin",
            new() { ["Input.Email"] = "asha@bank.test", ["Input.Password"] = SignedInClients.StaffPassword });

        Assert.Equal("/", SignedInClients.PathOf(response));
        Assert.DoesNotContain("evil", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_DisabledUser_Refused()
    {
        var user = await _app.CreateStaffAsync("asha@bank.test", "Analyst");
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffUserService>();
            Assert.True((await staff.SetDisabledAsync(Principal(admin.Id, "root@bank.test"), user.Id, true)).Succeeded);
        }

        using var client = _app.CreateBrowserClient();
        var response = await client.PostStaffSignInAsync("asha@bank.test", SignedInClients.StaffPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("disabled", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignOut_WithTheFormsToken_EndsTheSession()
    {
        using var client = await _app.SignInStaffAsync("asha@bank.test", "Analyst");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var signOut = await client.PostFormAsync("/", null, [], AccountEndpoints.SignOutPath);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("https://localhost/account/signin", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOut_InOneBrowser_EndsTheUsersOtherSessionsAtTheirNextCheck()
    {
        await _app.CreateStaffAsync("asha@bank.test", "Analyst");
        using var tab = _app.CreateBrowserClient();
        var signIn = await tab.PostStaffSignInAsync("asha@bank.test", SignedInClients.StaffPassword);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("CreditRisk.Auth=", StringComparison.Ordinal)).Split(';')[0];

        // The same session's cookie in another client: another device, or a copied cookie.
        using var other = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/admin/portfolio")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await tab.PostFormAsync("/", null, [], AccountEndpoints.SignOutPath)).StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        var after = await other.GetAsync("/admin/portfolio");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("https://localhost/account/signin", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Refused()
    {
        using var client = await _app.SignInStaffAsync("asha@bank.test", "Analyst");

        var response = await client.PostAsync(AccountEndpoints.SignOutPath, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    internal static System.Security.Claims.ClaimsPrincipal Principal(string id, string name) =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, id), new(System.Security.Claims.ClaimTypes.Name, name)], "test"));
}
