extern alias web;

using System.Net;
using CreditRisk.Core.Identity;
using CreditRisk.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Identity;

/// <summary>Issue #16: staff sign-in resists guessing, account enumeration and lockout used as a weapon.</summary>
public sealed class StaffSignInAbuseTests
{
    private const string Refused = "Email or password is not right, or the account is disabled.";
    private const string Throttled = "Too many failed sign-in attempts.";

    [Fact]
    public async Task SignIn_UnknownLockedAndWrongPassword_SameAnswerAfterOnePasswordCheckEach()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = Start(hasher);
        await app.CreateStaffAsync("asha@bank.test", "Analyst");
        var locked = await app.CreateStaffAsync("holiday@bank.test", "Admin");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id))!, app.Clock.GetUtcNow().AddHours(1))).Succeeded);
        }

        var answers = new List<(HttpStatusCode Status, string Page, int Checks)>();
        foreach (var (email, password) in new[]
        {
            ("asha@bank.test", "not-the-password"),
            ("nobody@bank.test", "not-the-password"),
            ("holiday@bank.test", SignedInClients.StaffPassword),
        })
        {
            using var client = TestClientAddress.From(app.CreateBrowserClient(), "203.0.113.7");
            var before = hasher.Checks;
            var response = await client.PostStaffSignInAsync(email, password);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(), hasher.Checks - before));
        }

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.Status);
            Assert.Contains(Refused, a.Page, StringComparison.Ordinal);
            Assert.DoesNotContain("locked", a.Page, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(1, a.Checks);
        });
    }

    [Fact]
    public async Task SignIn_OverThePerAddressLimit_Answers429WithAVisibleMessageBeforeCheckingAnything()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = Start(hasher, perAddress: 3);
        await app.CreateStaffAsync("asha@bank.test", "Analyst");
        using var attacker = TestClientAddress.From(app.CreateBrowserClient(), "198.51.100.9");
        foreach (var email in new[] { "a@bank.test", "b@bank.test", "c@bank.test" })
        {
            Assert.Equal(HttpStatusCode.OK, (await attacker.PostStaffSignInAsync(email, "guess-guess-guess")).StatusCode);
        }

        var before = hasher.Checks;
        var refused = await attacker.PostStaffSignInAsync("asha@bank.test", SignedInClients.StaffPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(Throttled, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("900", Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.Equal(before, hasher.Checks);
        Assert.Null(SignedInClients.PathOf(refused));
        Assert.Contains(await app.Store.Audit.ListAsync("auth.", 0, 20), e => e.Action == "auth.signin.throttled" && e.Actor == "asha@bank.test");
    }

    [Fact]
    public async Task SignIn_AttackerHammersTheAdminFromOneAddress_AdminStillSignsInFromAnotherAndIsNotLocked()
    {
        await using var app = Start(new CountingPasswordHasher());
        var admin = await app.CreateStaffAsync("root@bank.test", "Admin");
        using var attacker = TestClientAddress.From(app.CreateBrowserClient(), "198.51.100.9");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await attacker.PostStaffSignInAsync("root@bank.test", "guess-" + i)).StatusCode);
        }

        var attackerWithTheRightPassword = await attacker.PostStaffSignInAsync("root@bank.test", SignedInClients.StaffPassword);
        using var adminsBrowser = TestClientAddress.From(app.CreateBrowserClient(), "192.0.2.44");
        var adminSignsIn = await adminsBrowser.PostStaffSignInAsync("root@bank.test", SignedInClients.StaffPassword);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7)], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerWithTheRightPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, adminSignsIn.StatusCode);
        Assert.Equal("/", SignedInClients.PathOf(adminSignsIn));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByIdAsync(admin.Id))!));
    }

    [Fact]
    public async Task SignIn_SuccessfulSignInsFromOneAddress_DoNotCountAgainstIt()
    {
        // An office behind one NAT address: its staff signing in all morning must not throttle each other.
        await using var app = Start(new CountingPasswordHasher(), perAddress: 3);
        await app.CreateStaffAsync("asha@bank.test", "Analyst");
        for (var i = 0; i < 5; i++)
        {
            using var client = TestClientAddress.From(app.CreateBrowserClient(), "203.0.113.80");
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostStaffSignInAsync("asha@bank.test", SignedInClients.StaffPassword)).StatusCode);
        }
    }

    [Fact]
    public async Task Start_PerAccountAndAddressLimitNotBelowThePerAccountOne_FailsNamingTheSetting()
    {
        await using var app = new CreditRiskWebFactory();
        app.Settings["Identity:StaffSignIn:FailuresPerAccountAndClientIp"] = "30";
        app.Settings["Identity:StaffSignIn:FailuresPerAccount"] = "30";

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Identity:StaffSignIn:FailuresPerAccountAndClientIp must be below FailuresPerAccount", failure.Message, StringComparison.Ordinal);
    }

    private static CreditRiskWebFactory Start(CountingPasswordHasher hasher, int? perAddress = null)
    {
        var app = new CreditRiskWebFactory
        {
            TestServices = services =>
            {
                TestClientAddress.Register(services);
                services.AddSingleton<IPasswordHasher<AppUser>>(hasher);
            },
        };
        if (perAddress is { } limit)
        {
            app.Settings["Identity:StaffSignIn:FailuresPerClientIp"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            app.Settings["Identity:StaffSignIn:FailuresPerAccountAndClientIp"] = Math.Min(limit, 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return app;
    }
}
