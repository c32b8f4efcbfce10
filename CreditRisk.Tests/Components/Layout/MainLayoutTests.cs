using Bunit;
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

    public MainLayoutTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.AddAuthorization();
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<MainLayout> RenderLayout() =>
        _context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

    private static bool IsDark(IRenderedComponent<MainLayout> cut) =>
        cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode);

    [Fact]
    public void Render_Body_AppearsInsideTheShellWithNavigation()
    {
        var cut = RenderLayout();

        Assert.Contains("page body", cut.Find(".mud-main-content").TextContent);
        Assert.Contains("CreditRisk", cut.Find(".mud-appbar").TextContent);
        Assert.NotEmpty(cut.FindComponents<MudNavLink>());
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
}
