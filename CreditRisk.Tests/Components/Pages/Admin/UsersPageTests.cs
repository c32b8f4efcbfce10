using System.Reflection;
using System.Security.Claims;
using Bunit;
using CreditRisk.Core.Identity;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin;
using CreditRisk.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class UsersPageTests : IAsyncLifetime
{
    private const string Password = "a-long-password-1";
    private ConsoleHarness _h = default!;

    private StaffUserService Staff => _h.Get<StaffUserService>();

    // The page's service runs for real over the harness's LiteDB store: what it changed is read back from the store.
    private static readonly ClaimsPrincipal Root = new(new ClaimsIdentity(
        [new(ClaimTypes.Name, "root@bank.test"), new(ClaimTypes.NameIdentifier, "root"), new(ClaimTypes.Role, AppRoles.Admin)], "test"));

    public async Task InitializeAsync()
    {
        _h = await ConsoleHarness.CreateAsync(AddStaffUserServices);
        // The app's bootstrapper creates the staff roles at start; role names shown and changed come from them.
        var roles = _h.Get<RoleManager<AppRole>>();
        foreach (var role in StaffUserService.StaffRoles)
        {
            Assert.True((await roles.CreateAsync(new AppRole { Id = role.ToLowerInvariant(), Name = role, NormalizedName = "" })).Succeeded);
        }
    }

    private static void AddStaffUserServices(IServiceCollection services)
    {
        // As the app configures Identity (12-character passwords, no composition rules), over the same Core stores.
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<AppRole>()
            .AddUserStore<AppUserStore>()
            .AddRoleStore<AppRoleStore>();
        services.AddSingleton<IdentityAudit>();
        services.AddScoped<StaffUserService>();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<string> AddStaffAsync(string email, string role)
    {
        var result = await Staff.CreateAsync(Root, email, Password, role);
        Assert.True(result.Succeeded, result.Error);
        return (await Staff.ListAsync()).Single(u => u.Email == email).Id;
    }

    [Fact]
    public void Page_Attribute_RequiresTheAdminPolicy()
    {
        var authorize = typeof(Users).GetCustomAttribute<AuthorizeAttribute>();

        Assert.Equal(AuthorizationPolicies.Admin, authorize?.Policy);
    }

    [Fact]
    public async Task Render_StaffUsers_ListsEachWithRoleStatusAndAction()
    {
        await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        var ravi = await AddStaffAsync("ravi@bank.test", AppRoles.Admin);
        await AddStaffAsync("zoe@bank.test", AppRoles.Admin); // so ravi is not the last enabled admin
        Assert.True((await Staff.SetDisabledAsync(Root, ravi, disabled: true)).Succeeded);
        _h.SignInStaff("root@bank.test", AppRoles.Admin);

        var cut = _h.Render<Users>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#users-table tbody tr").Count));
        var rows = cut.FindAll("#users-table tbody tr");
        Assert.Contains("asha@bank.test", rows[0].TextContent);
        Assert.Contains("Active", rows[0].TextContent);
        Assert.Contains("Disabled", rows[1].TextContent);
        Assert.NotNull(cut.Find("button[aria-label='Disable asha@bank.test']"));
        Assert.NotNull(cut.Find("button[aria-label='Enable ravi@bank.test']"));
        // The role is shown by the row's select.
        Assert.Equal([AppRoles.Analyst, AppRoles.Admin, AppRoles.Admin], rows.Select(r => r.QuerySelector("input")?.GetAttribute("value")));
    }

    [Fact]
    public async Task Create_EmptyFields_ShowsBothValidationMessagesAndCreatesNobody()
    {
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var cut = _h.Render<Users>();
        cut.WaitForAssertion(() => Assert.Contains("No staff users yet.", cut.Markup));

        await cut.Find("#user-create").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Enter the user's email address.", cut.Markup));
        Assert.Contains("The password needs at least 12 characters.", cut.Markup);
        Assert.Empty(cut.FindAll("#users-message"));
        Assert.Empty(await Staff.ListAsync());
    }

    [Fact]
    public async Task Create_MalformedEmailAndShortPassword_ShowsTheRulesAndCreatesNobody()
    {
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var cut = _h.Render<Users>();

        cut.Find("#user-email").Input("not-an-email");
        cut.Find("#user-password").Input("short");
        await cut.Find("#user-create").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Enter a valid email address", cut.Markup));
        Assert.Contains("The password needs at least 12 characters.", cut.Markup);
        Assert.Equal("true", cut.Find("#user-email").GetAttribute("aria-invalid"));
        Assert.Empty(await Staff.ListAsync());
    }

    [Fact]
    public async Task Create_ValidAnalyst_CreatesThroughTheServiceAndListsIt()
    {
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var cut = _h.Render<Users>();

        cut.Find("#user-email").Input("new.analyst@bank.test");
        cut.Find("#user-password").Input(Password);
        await cut.Find("#user-create").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("new.analyst@bank.test created as Analyst.", cut.Find("#users-message").TextContent));
        Assert.Contains(await Staff.ListAsync(), u => u.Email == "new.analyst@bank.test" && u.Role == AppRoles.Analyst);
        Assert.Contains("new.analyst@bank.test", cut.Find("#users-table").TextContent);
        Assert.DoesNotContain("The password needs", cut.Markup);
    }

    [Fact]
    public async Task Create_TakenEmail_ShowsTheServiceError()
    {
        await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var cut = _h.Render<Users>();

        cut.Find("#user-email").Input("asha@bank.test");
        cut.Find("#user-password").Input(Password);
        await cut.Find("#user-create").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("A staff user with the email asha@bank.test already exists.", cut.Find("#users-message").TextContent.Trim()));
        Assert.Single(await Staff.ListAsync());
    }

    /// <summary>Clicks a row's Disable and answers the confirmation with the dialog's button of that text.</summary>
    private async Task DisableAsync(IRenderedComponent<Users> cut, IRenderedComponent<MudDialogProvider> dialogs, string email, string answer)
    {
        // Not awaited: the handler waits for the dialog's answer.
        _ = cut.WaitForElement($"button[aria-label='Disable {email}']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains($"Disable {email}?", dialogs.Markup));
        Assert.Contains("cannot sign in until an admin enables them again", dialogs.Find("[role=dialog]").TextContent);
        await dialogs.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == answer).ClickAsync(new());
    }

    [Fact]
    public async Task Disable_Admin_AsksFirstThenDisablesTheUserThroughTheService()
    {
        var asha = await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var cut = _h.Render<Users>();

        await DisableAsync(cut, dialogs, "asha@bank.test", "Disable");

        cut.WaitForAssertion(() => Assert.Contains("asha@bank.test disabled.", cut.Find("#users-message").TextContent));
        Assert.True((await _h.Store.Users.FindByIdAsync(asha))!.IsDisabled);
        Assert.NotNull(cut.Find("button[aria-label='Enable asha@bank.test']"));
        Assert.Contains(await _h.Store.Audit.ListAsync("users.", 0, 10), e => e.Action == IdentityAudit.UserDisabled && e.Actor == "root@bank.test");
    }

    [Fact]
    public async Task Disable_Cancelled_ChangesNothing()
    {
        var asha = await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var cut = _h.Render<Users>();

        await DisableAsync(cut, dialogs, "asha@bank.test", "Cancel");

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")));
        Assert.False((await _h.Store.Users.FindByIdAsync(asha))!.IsDisabled);
        Assert.Empty(cut.FindAll("#users-message"));
        Assert.NotNull(cut.Find("button[aria-label='Disable asha@bank.test']"));
    }

    [Fact]
    public async Task Disable_OwnAccount_RefusedAtOnceWithoutAsking()
    {
        var meera = await AddStaffAsync("meera@bank.test", AppRoles.Admin);
        _h.SignInStaff("meera@bank.test", AppRoles.Admin);
        _h.Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, meera));
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var cut = _h.Render<Users>();

        await cut.WaitForElement("button[aria-label='Disable meera@bank.test']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("You cannot disable your own account.", cut.Find("#users-message").TextContent));
        Assert.Empty(dialogs.FindAll("[role=dialog]"));
        Assert.False((await _h.Store.Users.FindByIdAsync(meera))!.IsDisabled);
    }

    [Fact]
    public async Task Enable_Admin_EnablesAtOnceWithoutAsking()
    {
        var asha = await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        await Staff.SetDisabledAsync(Root, asha, disabled: true);
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var cut = _h.Render<Users>();

        await cut.WaitForElement("button[aria-label='Enable asha@bank.test']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("asha@bank.test enabled.", cut.Find("#users-message").TextContent));
        Assert.Empty(dialogs.FindAll("[role=dialog]"));
        Assert.False((await _h.Store.Users.FindByIdAsync(asha))!.IsDisabled);
    }

    [Fact]
    public async Task ChangeRole_Admin_ChangesTheRoleThroughTheService()
    {
        var asha = await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var cut = _h.Render<Users>();
        cut.WaitForAssertion(() => Assert.Contains("asha@bank.test", cut.Find("#users-table").TextContent));

        var select = cut.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("aria-label"), "Role of asha@bank.test"));
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(AppRoles.Admin));

        cut.WaitForAssertion(() => Assert.Contains("asha@bank.test is now Admin.", cut.Find("#users-message").TextContent));
        Assert.Equal(["ADMIN"], (await _h.Store.Users.FindByIdAsync(asha))!.Roles);
    }

    [Fact]
    public async Task ChangeRole_OwnAdminRole_RefusedAndTheSelectShowsAdminAgain()
    {
        var meera = await AddStaffAsync("meera@bank.test", AppRoles.Admin);
        _h.SignInStaff("meera@bank.test", AppRoles.Admin);
        _h.Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, meera));
        var cut = _h.Render<Users>();
        cut.WaitForAssertion(() => Assert.Contains("meera@bank.test", cut.Find("#users-table").TextContent));
        MudSelect<string> Select() => cut.FindComponents<MudSelect<string>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("aria-label"), "Role of meera@bank.test")).Instance;

        var picked = Select();
        await cut.InvokeAsync(() => picked.SelectOption(AppRoles.Analyst));

        cut.WaitForAssertion(() => Assert.Contains("You cannot remove your own Admin role.", cut.Find("#users-message").TextContent));
        Assert.Equal(AppRoles.Admin, Select().GetState(x => x.Value));
        Assert.Equal(["ADMIN"], (await _h.Store.Users.FindByIdAsync(meera))!.Roles);
    }

    [Fact]
    public async Task Disable_Analyst_IsRefusedServerSideAndChangesNothing()
    {
        // The page is admin-only by policy; its handlers must refuse anyway should an analyst's circuit reach them.
        var asha = await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        _h.SignInStaff("ravi@bank.test", AppRoles.Analyst);
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var cut = _h.Render<Users>();

        await DisableAsync(cut, dialogs, "asha@bank.test", "Disable");

        cut.WaitForAssertion(() => Assert.Contains("Only admins can change users.", cut.Find("#users-message").TextContent));
        Assert.False((await _h.Store.Users.FindByIdAsync(asha))!.IsDisabled);
    }

    [Fact]
    public async Task NewPassword_ForAnotherUser_SetThroughTheServiceAndThePanelCloses()
    {
        var asha = await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var cut = _h.Render<Users>();

        await cut.WaitForElement("button[aria-label='Set a new password for asha@bank.test']").ClickAsync(new());
        Assert.Contains("New password for asha@bank.test", cut.Find("#reset-panel").TextContent);
        cut.Find("#reset-password").Input("a-brand-new-password");
        await cut.Find("#reset-save").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("asha@bank.test has a new password and is signed out.", cut.Find("#users-message").TextContent.Trim()));
        Assert.Empty(cut.FindAll("#reset-panel"));
        var users = _h.Get<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(asha))!, "a-brand-new-password"));
    }

    [Fact]
    public async Task NewPassword_TooShort_SaysTheRuleBesideTheFieldAndChangesNothing()
    {
        var asha = await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        _h.SignInStaff("root@bank.test", AppRoles.Admin);
        var cut = _h.Render<Users>();

        await cut.WaitForElement("button[aria-label='Set a new password for asha@bank.test']").ClickAsync(new());
        cut.Find("#reset-password").Input("short");
        await cut.Find("#reset-save").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("The password needs at least 12 characters.", cut.Find("#reset-panel").TextContent));
        Assert.Equal("true", cut.Find("#reset-password").GetAttribute("aria-invalid"));
        var users = _h.Get<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(asha))!, Password));
        Assert.Empty(await _h.Store.Audit.ListAsync("users.password.", 0, 10));
    }

    [Fact]
    public async Task NewPassword_OwnRow_HasNoButton()
    {
        await AddStaffAsync("asha@bank.test", AppRoles.Analyst);
        var ravi = await AddStaffAsync("ravi@bank.test", AppRoles.Admin);
        _h.SignInStaff("ravi@bank.test", AppRoles.Admin);
        _h.Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, ravi));

        var cut = _h.Render<Users>();

        cut.WaitForElement("button[aria-label='Set a new password for asha@bank.test']");
        Assert.Empty(cut.FindAll("button[aria-label='Set a new password for ravi@bank.test']"));
    }
}
