using Bunit;
using Bunit.TestDoubles;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;

namespace CreditRisk.Tests.Components.Layout;

public sealed class MainLayoutTests : IAsyncLifetime
{
    // Composed rather than inherited: MudBlazor's services are async-disposable only, and xUnit 2 would call Dispose().
    private readonly BunitContext _context = new();
    private readonly BunitAuthorizationContext _auth;
    private readonly BunitJSModuleInterop _themeModule;

    public MainLayoutTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _auth = _context.AddAuthorization();
        _themeModule = _context.JSInterop.SetupModule("./Components/Layout/MainLayout.razor.js");
        _themeModule.Mode = JSRuntimeMode.Loose;
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<MainLayout> RenderLayout() =>
        _context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

    private static bool IsDark(IRenderedComponent<MainLayout> cut) =>
        cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode);

    private static List<string?> NavTargets(IRenderedComponent<MainLayout> cut) =>
        [.. cut.FindComponents<MudNavLink>().Select(l => l.Instance.Href)];

    [Fact]
    public void Render_Body_AppearsInsideTheShellWithNavigation()
    {
        var cut = RenderLayout();

        Assert.Contains("page body", cut.Find(".mud-main-content").TextContent);
        Assert.Contains("CreditRisk", cut.Find(".mud-appbar").TextContent);
        Assert.NotEmpty(cut.FindComponents<MudNavLink>());
    }

    [Fact]
    public void Render_Anonymous_ShowsNoStaffOrCustomerLinks()
    {
        var cut = RenderLayout();

        Assert.Equal([""], NavTargets(cut));
    }

    [Fact]
    public void Render_Analyst_ShowsStaffLinksButNotAdministration()
    {
        _auth.SetAuthorized("ana");
        _auth.SetPolicies(AuthorizationPolicies.Staff);

        var targets = NavTargets(RenderLayout());

        Assert.Contains("admin/portfolio", targets);
        Assert.Contains("admin/customers", targets);
        Assert.Contains("admin/models", targets);
        Assert.Contains("admin/rules", targets);
        Assert.Contains("account/password", targets);
        Assert.DoesNotContain("admin/users", targets);
        Assert.DoesNotContain("admin/outbox", targets);
        Assert.DoesNotContain("admin/audit", targets);
        Assert.DoesNotContain("me", targets);
    }

    [Fact]
    public void Render_Admin_ShowsAdministrationLinks()
    {
        _auth.SetAuthorized("root");
        _auth.SetPolicies(AuthorizationPolicies.Staff, AuthorizationPolicies.Admin);

        var targets = NavTargets(RenderLayout());

        Assert.Equal(
            ["admin/portfolio", "admin/customers", "admin/models", "admin/rules", "admin/api-keys", "admin/outbox", "admin/audit", "admin/users", "jobs", "account/password"],
            targets);
    }

    [Fact]
    public void Render_Customer_ShowsOnlyTheirDashboard()
    {
        _auth.SetAuthorized("+15550100");
        _auth.SetPolicies(AuthorizationPolicies.Customer);

        Assert.Equal(["me"], NavTargets(RenderLayout()));
    }

    [Fact]
    public void ToggleDarkMode_Clicked_SwitchesTheThemeAndBack()
    {
        var cut = RenderLayout();
        Assert.False(IsDark(cut));

        cut.Find("button[aria-label='Toggle dark mode']").Click();
        Assert.True(IsDark(cut));

        cut.Find("button[aria-label='Toggle dark mode']").Click();
        Assert.False(IsDark(cut));
    }

    [Fact]
    public void ToggleDarkMode_Clicked_RemembersTheChoice()
    {
        var cut = RenderLayout();

        cut.Find("button[aria-label='Toggle dark mode']").Click();

        var saved = Assert.Single(_themeModule.Invocations["setThemePreference"]);
        Assert.Equal("dark", saved.Arguments[0]);
    }

    [Fact]
    public void Render_RememberedDark_StartsDark()
    {
        _themeModule.Setup<string?>("getThemePreference").SetResult("dark");

        var cut = RenderLayout();

        cut.WaitForAssertion(() => Assert.True(IsDark(cut)));
    }
}
