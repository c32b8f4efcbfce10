extern alias web;

using System.Net;
using System.Reflection;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using web::CreditRisk.Web.Identity;
using static CreditRisk.Tests.Identity.StaffSignInTests;

namespace CreditRisk.Tests.Identity;

public sealed class StaffUserServiceTests : IAsyncLifetime
{
    private readonly CreditRiskWebFactory _app = new();
    private AsyncServiceScope _scope;

    private StaffUserService Staff => _scope.ServiceProvider.GetRequiredService<StaffUserService>();

    public Task InitializeAsync()
    {
        _scope = _app.Services.CreateAsyncScope();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_Analyst_ListedAndAudited()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");

        var result = await Staff.CreateAsync(Principal(admin.Id, "root@bank.test"), "new.analyst@bank.test", "a-long-password-1", "Analyst");

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(await Staff.ListAsync(), u => u.Email == "new.analyst@bank.test" && u.Role == "Analyst");
        Assert.Contains(await _app.Store.Audit.ListAsync("users.", 0, 10), e => e.Action == "users.created" && e.Actor == "root@bank.test" && e.NewValue == "Analyst");
    }

    [Fact]
    public async Task ChangeRoleAsync_AnalystToAdmin_ChangesRoleAndAudits()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");
        var analyst = await _app.CreateStaffAsync("asha@bank.test", "Analyst");

        var result = await Staff.ChangeRoleAsync(Principal(admin.Id, "root@bank.test"), analyst.Id, "Admin");

        Assert.True(result.Succeeded, result.Error);
        var stored = (await _app.Store.Users.FindByIdAsync(analyst.Id))!;
        Assert.Equal(["ADMIN"], stored.Roles);
        Assert.NotEqual(analyst.SecurityStamp, stored.SecurityStamp);
        Assert.Contains(await _app.Store.Audit.ListAsync("users.", 0, 10), e => e.Action == "users.role.changed" && e.OldValue == "Analyst" && e.NewValue == "Admin");
    }

    [Fact]
    public async Task ChangeRoleAsync_OwnAdminRole_Refused()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");

        var result = await Staff.ChangeRoleAsync(Principal(admin.Id, "root@bank.test"), admin.Id, "Analyst");

        Assert.False(result.Succeeded);
        Assert.Equal(["ADMIN"], (await _app.Store.Users.FindByIdAsync(admin.Id))!.Roles);
    }

    [Fact]
    public async Task SetDisabledAsync_Self_Refused()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");

        var result = await Staff.SetDisabledAsync(Principal(admin.Id, "root@bank.test"), admin.Id, true);

        Assert.False(result.Succeeded);
        Assert.False((await _app.Store.Users.FindByIdAsync(admin.Id))!.IsDisabled);
    }

    [Fact]
    public async Task SetDisabledAsync_ThenEnable_RoundTripsAndAudits()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");
        var analyst = await _app.CreateStaffAsync("asha@bank.test", "Analyst");
        var actor = Principal(admin.Id, "root@bank.test");

        Assert.True((await Staff.SetDisabledAsync(actor, analyst.Id, true)).Succeeded);
        Assert.True((await _app.Store.Users.FindByIdAsync(analyst.Id))!.IsDisabled);
        Assert.True((await Staff.SetDisabledAsync(actor, analyst.Id, false)).Succeeded);

        Assert.False((await _app.Store.Users.FindByIdAsync(analyst.Id))!.IsDisabled);
        var audit = await _app.Store.Audit.ListAsync("users.", 0, 10);
        Assert.Contains(audit, e => e.Action == "users.disabled" && e.Target == "asha@bank.test");
        Assert.Contains(audit, e => e.Action == "users.enabled" && e.Target == "asha@bank.test");
    }

    [Fact]
    public async Task SetDisabledAsync_Customer_NotAStaffUserRefused()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");
        var customer = await _app.CreateStaffAsync("cust@bank.test", "Customer");

        var result = await Staff.SetDisabledAsync(Principal(admin.Id, "root@bank.test"), customer.Id, true);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task SetDisabledAsync_TheLastTwoAdminsDisableEachOtherAtTheSameMoment_OneAdminRemains()
    {
        var a = await _app.CreateStaffAsync("a@bank.test", "Admin");
        var b = await _app.CreateStaffAsync("b@bank.test", "Admin");
        foreach (var other in (await Staff.ListAsync()).Where(u => u.Role == "Admin" && u.Id != a.Id && u.Id != b.Id))
        {
            Assert.True((await Staff.SetDisabledAsync(Principal(a.Id, "a@bank.test"), other.Id, true)).Succeeded);
        }

        // Each write waits (up to 2 s) for the other request to reach its write too: both checks done before either write.
        var writes = new WritesMeet(2, TimeSpan.FromSeconds(2));
        async Task<bool> DisableAsync(string actorId, string actorName, string targetId)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var staff = new StaffUserService(
                services.GetRequiredService<UserManager<AppUser>>(), writes.Wrap(services.GetRequiredService<IUserRepository>()),
                services.GetRequiredService<IdentityAudit>(), TimeProvider.System);
            return (await staff.SetDisabledAsync(Principal(actorId, actorName), targetId, true)).Succeeded;
        }

        var results = await Task.WhenAll(
            Task.Run(() => DisableAsync(a.Id, "a@bank.test", b.Id)),
            Task.Run(() => DisableAsync(b.Id, "b@bank.test", a.Id)));

        Assert.Single(results, succeeded => succeeded);
        Assert.Single(await _app.Store.Users.ListInRoleAsync("ADMIN"), u => !u.IsDisabled);
    }

    [Fact]
    public async Task ChangeRoleAsync_TwoAdminsDemoteEachOther_TheSecondIsRefusedAndOneAdminRemains()
    {
        var a = await _app.CreateStaffAsync("a@bank.test", "Admin");
        var b = await _app.CreateStaffAsync("b@bank.test", "Admin");

        // A demotes B and every other admin (the app's start-up admin among them): A is then the only admin.
        foreach (var other in (await Staff.ListAsync()).Where(u => u.Role == "Admin" && u.Id != a.Id))
        {
            Assert.True((await Staff.ChangeRoleAsync(Principal(a.Id, "a@bank.test"), other.Id, "Analyst")).Succeeded);
        }

        // B's open page still holds an Admin principal until its next check; the store says A is the last admin.
        var second = await Staff.ChangeRoleAsync(Principal(b.Id, "b@bank.test"), a.Id, "Analyst");
        var disable = await Staff.SetDisabledAsync(Principal(b.Id, "b@bank.test"), a.Id, true);

        Assert.False(second.Succeeded);
        Assert.Equal("This is the last enabled admin: make another admin first, so someone can still manage staff.", second.Error);
        Assert.False(disable.Succeeded);
        Assert.Equal(["ADMIN"], (await _app.Store.Users.FindByIdAsync(a.Id))!.Roles);
        Assert.False((await _app.Store.Users.FindByIdAsync(a.Id))!.IsDisabled);
    }

    [Fact]
    public async Task ResetPasswordAsync_ForgottenPassword_NewOneSignsInOldOneNotLockoutLiftedStampRenewedAndAudited()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");
        var analyst = await _app.CreateStaffAsync("asha@bank.test", "Analyst");
        var locked = (await _app.Store.Users.FindByIdAsync(analyst.Id))! with { LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10), AccessFailedCount = 5 };
        Assert.True(await _app.Store.Users.TryUpdateAsync(locked with { ConcurrencyStamp = "locked" }, locked.ConcurrencyStamp));

        var result = await Staff.ResetPasswordAsync(Principal(admin.Id, "root@bank.test"), analyst.Id, "a-brand-new-password");

        Assert.True(result.Succeeded, result.Error);
        var stored = (await _app.Store.Users.FindByIdAsync(analyst.Id))!;
        Assert.Null(stored.LockoutEnd);
        Assert.Equal(0, stored.AccessFailedCount);
        Assert.NotEqual(analyst.SecurityStamp, stored.SecurityStamp);
        using (var client = _app.CreateBrowserClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostStaffSignInAsync("asha@bank.test", SignedInClients.StaffPassword)).StatusCode);
        }

        using (var client = _app.CreateBrowserClient())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostStaffSignInAsync("asha@bank.test", "a-brand-new-password")).StatusCode);
        }

        var audit = Assert.Single(await _app.Store.Audit.ListAsync("users.password.", 0, 10));
        Assert.Equal(("root@bank.test", "asha@bank.test"), (audit.Actor, audit.Target));
        Assert.DoesNotContain("a-brand-new-password", $"{audit.OldValue}{audit.NewValue}{audit.Details}");
    }

    [Fact]
    public async Task ResetPasswordAsync_TooShort_RefusedWithTheRuleAndTheOldPasswordStays()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");
        var analyst = await _app.CreateStaffAsync("asha@bank.test", "Analyst");

        var result = await Staff.ResetPasswordAsync(Principal(admin.Id, "root@bank.test"), analyst.Id, "short");

        Assert.False(result.Succeeded);
        Assert.Contains("at least 12 characters", result.Error);
        Assert.Equal(analyst.PasswordHash, (await _app.Store.Users.FindByIdAsync(analyst.Id))!.PasswordHash);
        Assert.Empty(await _app.Store.Audit.ListAsync("users.password.", 0, 10));
    }

    [Fact]
    public async Task ResetPasswordAsync_OwnAccountOrACustomer_Refused()
    {
        var admin = await _app.CreateStaffAsync("root@bank.test", "Admin");
        var customer = await _app.CreateStaffAsync("cust@bank.test", "Customer");
        var actor = Principal(admin.Id, "root@bank.test");

        var own = await Staff.ResetPasswordAsync(actor, admin.Id, "a-brand-new-password");
        var ofCustomer = await Staff.ResetPasswordAsync(actor, customer.Id, "a-brand-new-password");

        Assert.Equal("Change your own password on the Change password page.", own.Error);
        Assert.Equal("No such staff user.", ofCustomer.Error);
        Assert.Equal(admin.PasswordHash, (await _app.Store.Users.FindByIdAsync(admin.Id))!.PasswordHash);
        Assert.Equal(customer.PasswordHash, (await _app.Store.Users.FindByIdAsync(customer.Id))!.PasswordHash);
    }

    /// <summary>Holds each user write until <c>count</c> writes have arrived, or a time limit passes.</summary>
    public sealed class WritesMeet(int count, TimeSpan limit)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public IUserRepository Wrap(IUserRepository inner) => MeetingProxy.Create(inner, this);

        public async Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) >= count)
            {
                _all.TrySetResult();
            }

            await Task.WhenAny(_all.Task, Task.Delay(limit));
        }
    }

    public class MeetingProxy : DispatchProxy
    {
        private IUserRepository _inner = null!;
        private WritesMeet _meet = null!;

        internal static IUserRepository Create(IUserRepository inner, WritesMeet meet)
        {
            var proxy = Create<IUserRepository, MeetingProxy>();
            ((MeetingProxy)(object)proxy)._inner = inner;
            ((MeetingProxy)(object)proxy)._meet = meet;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IUserRepository.TryUpdateAsync)
                ? AfterMeetingAsync(() => (Task<bool>)targetMethod.Invoke(_inner, args)!)
                : targetMethod.Invoke(_inner, args);

        private async Task<bool> AfterMeetingAsync(Func<Task<bool>> write)
        {
            await _meet.ArriveAsync();
            return await write();
        }
    }
}
