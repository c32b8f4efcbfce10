using Bunit;
using CreditRisk.Web.Components.Shared;

namespace CreditRisk.Tests.Components.Shared;

public sealed class MaskedPhoneTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private string Render(string policy, bool unmasked = false)
    {
        var auth = _context.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetPolicies(policy);
        return _context.Render<MaskedPhone>(p => p.Add(c => c.Phone, "+919812345678").Add(c => c.Unmasked, unmasked)).Find(".phone").TextContent;
    }

    [Fact]
    public void Render_Analyst_MasksTheNumber() => Assert.Equal("+91•••••••678", Render("Staff"));

    [Fact]
    public void Render_Admin_ShowsTheFullNumber() => Assert.Equal("+919812345678", Render("Admin"));

    [Fact]
    public void Render_AnalystOnTheDrillDown_ShowsTheFullNumber() => Assert.Equal("+919812345678", Render("Staff", unmasked: true));
}
