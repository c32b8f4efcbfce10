using Bunit;
using CreditRisk.Core.Identity;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Pages.Admin.ApiKeys;
using MudBlazor;

namespace CreditRisk.Tests.Components.Pages.Admin;

public sealed class ApiKeysPageTests : IAsyncLifetime
{
    private ConsoleHarness _h = default!;

    public async Task InitializeAsync() => _h = await ConsoleHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Create_Admin_ShowsTheKeyOnceAndItVerifies()
    {
        _h.SignInStaff("root", AppRoles.Admin);
        var cut = _h.Render<ApiKeys>();
        cut.WaitForAssertion(() => Assert.Contains("No API keys yet.", cut.Markup));

        cut.Find("#apikey-name").Input("core-banking");
        await cut.Find("#apikey-create").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#apikey-secret-panel")));
        var secret = cut.Find("#apikey-secret").GetAttribute("value")!;
        Assert.StartsWith(ApiKeyService.KeyPrefix, secret);
        Assert.NotNull(await _h.Get<ApiKeyService>().VerifyAsync(secret));
        Assert.Contains("core-banking", cut.Find("#apikeys-table").TextContent);

        cut.FindAll("button").Single(b => b.TextContent.Contains("I have copied it")).Click();
        Assert.DoesNotContain(secret, cut.Markup);
    }

    [Fact]
    public async Task Create_EmptyName_ShowsValidationMessageAndCreatesNothing()
    {
        _h.SignInStaff("root", AppRoles.Admin);
        var cut = _h.Render<ApiKeys>();

        await cut.Find("#apikey-create").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Give the key a name.", cut.Markup));
        Assert.Empty(await _h.Get<ApiKeyService>().ListAsync());
    }

    [Fact]
    public void Render_NameField_CountsTowardsItsLimit()
    {
        // The browser stops typing at the limit; without the count a pasted longer name was cut without a word.
        _h.SignInStaff("root", AppRoles.Admin);
        var cut = _h.Render<ApiKeys>();

        cut.Find("#apikey-name").Input("core-banking");

        cut.WaitForAssertion(() => Assert.Contains($"12 / {ApiKeyService.MaxNameLength}", cut.Markup));
    }

    [Fact]
    public async Task Create_NameOfAKeyStillInUse_SaidOnTheFieldAndTheEarlierSecretStaysShown()
    {
        _h.SignInStaff("root", AppRoles.Admin);
        var cut = _h.Render<ApiKeys>();
        cut.Find("#apikey-name").Input("core-banking");
        await cut.Find("#apikey-create").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#apikey-secret-panel")));
        var secret = cut.Find("#apikey-secret").GetAttribute("value")!;

        cut.Find("#apikey-name").Input("core-banking");
        await cut.Find("#apikey-create").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("is still in use: revoke it first, or choose another name.", cut.Markup));
        Assert.Equal(secret, cut.Find("#apikey-secret").GetAttribute("value")); // not replaced before it was copied
        Assert.Single(await _h.Get<ApiKeyService>().ListAsync());
    }

    /// <summary>Clicks a key's Revoke and answers the confirmation with the dialog's button of that text.</summary>
    private static async Task RevokeAsync(IRenderedComponent<ApiKeys> cut, IRenderedComponent<MudDialogProvider> dialogs, string name, string answer)
    {
        // Not awaited: the handler waits for the dialog's answer.
        _ = cut.WaitForElement($"button[aria-label='Revoke key {name}']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains($"Revoke the key {name}?", dialogs.Markup));
        Assert.Contains("cannot be restored", dialogs.Find("[role=dialog]").TextContent);
        await dialogs.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == answer).ClickAsync(new());
    }

    [Fact]
    public async Task Revoke_Admin_AsksFirstThenRevokesTheKey()
    {
        var created = await _h.Get<ApiKeyService>().CreateAsync("old-system", "cli");
        _h.SignInStaff("root", AppRoles.Admin);
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var cut = _h.Render<ApiKeys>();

        await RevokeAsync(cut, dialogs, "old-system", "Revoke");

        cut.WaitForAssertion(() => Assert.Contains("revoked", cut.Find("#apikeys-message").TextContent));
        Assert.Null(await _h.Get<ApiKeyService>().VerifyAsync(created.Secret));
    }

    [Fact]
    public async Task Revoke_Cancelled_KeyStillWorks()
    {
        var created = await _h.Get<ApiKeyService>().CreateAsync("old-system", "cli");
        _h.SignInStaff("root", AppRoles.Admin);
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var cut = _h.Render<ApiKeys>();

        await RevokeAsync(cut, dialogs, "old-system", "Cancel");

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")));
        Assert.NotNull(await _h.Get<ApiKeyService>().VerifyAsync(created.Secret));
        Assert.Empty(cut.FindAll("#apikeys-message"));
    }

    [Fact]
    public async Task Revoke_TheKeyJustCreated_ItsSecretLeavesTheScreen()
    {
        _h.SignInStaff("root", AppRoles.Admin);
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var cut = _h.Render<ApiKeys>();
        cut.Find("#apikey-name").Input("core-banking");
        await cut.Find("#apikey-create").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#apikey-secret-panel")));
        var secret = cut.Find("#apikey-secret").GetAttribute("value")!;

        await RevokeAsync(cut, dialogs, "core-banking", "Revoke");

        cut.WaitForAssertion(() => Assert.Contains("Key core-banking revoked.", cut.Find("#apikeys-message").TextContent));
        Assert.Empty(cut.FindAll("#apikey-secret-panel"));
        Assert.DoesNotContain(secret, cut.Markup);
    }

    [Fact]
    public async Task Create_UserWithoutAdminRole_IsRefusedServerSide()
    {
        // The page is admin-only by policy; the handler must refuse anyway should it be reached.
        _h.SignInStaff("asha", AppRoles.Analyst);
        var cut = _h.Render<ApiKeys>();

        cut.Find("#apikey-name").Input("sneaky");
        await cut.Find("#apikey-create").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Only admins", cut.Find("#apikeys-message").TextContent));
        Assert.Empty(await _h.Get<ApiKeyService>().ListAsync());
    }
}
