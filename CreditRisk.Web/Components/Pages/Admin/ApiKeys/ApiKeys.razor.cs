using CreditRisk.Core.Identity;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace CreditRisk.Web.Components.Pages.Admin.ApiKeys;

public partial class ApiKeys
{
    private IReadOnlyList<ApiKey>? _keys;
    private CreatedApiKey? _created;
    private string _name = "";
    private string? _nameError;
    private string? _message;
    private bool _failed;
    private bool _busy;
    private string? _copyResult;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _keys = await Keys.ListAsync();

    private async Task CreateAsync()
    {
        var name = _name.Trim();
        _nameError = await Keys.NameProblemAsync(name);
        if (_nameError is not null)
        {
            return;
        }

        await RunAsync(async actor =>
        {
            _created = await Keys.CreateAsync(name, actor);
            _copyResult = null;
            _name = "";
            return $"Key {name} created.";
        });
    }

    // The clipboard API needs a secure context (HTTPS or localhost) and the user's permission; when it is refused the
    // person is told to copy by hand rather than left thinking it worked.
    private async Task CopySecretAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _created!.Secret);
            _copyResult = "Copied to the clipboard.";
        }
        catch (JSException)
        {
            _copyResult = "The browser did not allow copying: select the key and press Ctrl+C (⌘+C on a Mac).";
        }
    }

    private async Task RevokeAsync(ApiKey key)
    {
        // A revoked key stops the system using it at its next request, and cannot be brought back: asked first.
        if (!await Dialogs.AskAsync(
                $"Revoke the key {key.Name}?",
                "The system that uses it is refused from its next request. A revoked key cannot be restored: that system needs a new key.",
                "Revoke"))
        {
            return;
        }

        await RunAsync(async actor =>
        {
            var revoked = await Keys.RevokeAsync(key.Id, actor);

            // Its one-time secret no longer opens anything; leaving it on screen asked to copy a dead key.
            if (_created?.Key.Id == key.Id)
            {
                (_created, _copyResult) = (null, null);
            }

            return revoked ? $"Key {key.Name} revoked." : throw new InvalidOperationException($"Key {key.Name} was already revoked.");
        });
    }

    private async Task RunAsync(Func<string, Task<string>> action)
    {
        // The page is admin-only, and every action checks again: the circuit's user may have lost the role since.
        var user = (await AuthenticationState).User;
        if (!user.IsInRole(AppRoles.Admin))
        {
            (_failed, _message) = (true, "Only admins can manage API keys.");
            return;
        }

        _busy = true;
        try
        {
            (_failed, _message) = (false, await action(ActorName.Of(user)));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // ArgumentException: another admin took the name between the check and the create.
            (_failed, _message) = (true, ex.Message);
        }
        finally
        {
            _busy = false;
        }

        _keys = await Keys.ListAsync();
    }
}
