extern alias web;

using System.Net;
using CreditRisk.Tests.Api;
using web::CreditRisk.Web.Identity;

namespace CreditRisk.Tests.Identity;

/// <summary>A staff user changes the password an admin gave them, on <c>/account/password</c>.</summary>
public sealed class ChangePasswordTests : IAsyncLifetime
{
    private const string NewPassword = "my-own-long-password-2";
    private readonly CreditRiskWebFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, string> Form(string current, string next, string confirm) => new()
    {
        ["Input.Current"] = current,
        ["Input.Next"] = next,
        ["Input.Confirm"] = confirm,
    };

    [Fact]
    public async Task Change_RightCurrentPassword_NewOneSignsInOldOneNotAndTheChangeIsAudited()
    {
        using var client = await _app.SignInStaffAsync("asha@bank.test", "Analyst");

        var response = await client.PostFormAsync("/account/password", "change-password", Form(SignedInClients.StaffPassword, NewPassword, NewPassword));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your password is changed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/portfolio")).StatusCode); // this browser stays signed in
        using var fresh = _app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await fresh.PostStaffSignInAsync("asha@bank.test", SignedInClients.StaffPassword)).StatusCode); // refused: the form again
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.PostStaffSignInAsync("asha@bank.test", NewPassword)).StatusCode);
        Assert.Contains(await _app.Store.Audit.ListAsync(IdentityAudit.PasswordChanged, 0, 10), e => e.Actor == "asha@bank.test");
    }

    [Fact]
    public async Task Change_WrongCurrentPassword_RefusedInWordsAndThePasswordStays()
    {
        using var client = await _app.SignInStaffAsync("asha@bank.test", "Analyst");

        var response = await client.PostFormAsync("/account/password", "change-password", Form("not-my-password-at-all", NewPassword, NewPassword));

        Assert.Contains("Your current password is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var fresh = _app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.PostStaffSignInAsync("asha@bank.test", SignedInClients.StaffPassword)).StatusCode);
    }

    [Theory]
    [InlineData("short", "short", "The new password needs at least 12 characters.")]
    [InlineData(NewPassword, "something-else-entirely", "The two new passwords are not the same.")]
    public async Task Change_BadNewPassword_RefusedBesideTheField(string next, string confirm, string message)
    {
        using var client = await _app.SignInStaffAsync("asha@bank.test", "Analyst");

        var response = await client.PostFormAsync("/account/password", "change-password", Form(SignedInClients.StaffPassword, next, confirm));

        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _app.Store.Audit.ListAsync(IdentityAudit.PasswordChanged, 0, 10));
    }

    [Fact]
    public async Task Change_InOneBrowser_EndsTheUsersOtherSessions()
    {
        using var client = await _app.SignInStaffAsync("asha@bank.test", "Analyst");
        using var other = _app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostStaffSignInAsync("asha@bank.test", SignedInClients.StaffPassword)).StatusCode);

        await client.PostFormAsync("/account/password", "change-password", Form(SignedInClients.StaffPassword, NewPassword, NewPassword));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        var after = await other.GetAsync("/admin/portfolio");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("https://localhost/account/signin", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/portfolio")).StatusCode);
    }
}
