using System.Net.Mail;
using System.Security.Claims;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Shared;
using CreditRisk.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CreditRisk.Web.Components.Pages.Admin;

/// <summary>
/// Staff users (analysts and admins): list, change role, disable or enable, set a new password for one who forgot
/// theirs, and add one with an initial password.
/// Customers are not here: they register themselves with their phone number.
/// </summary>
public partial class Users
{
    private IReadOnlyList<StaffUser>? _users;
    private int _listReading;
    private string? _message;
    private bool _failed;
    private string _email = "";
    private string _password = "";
    private string _role = AppRoles.Analyst;
    private string? _emailError;
    private string? _passwordError;
    private ClaimsPrincipal _actor = new();
    private StaffUser? _resetting;
    private string _resetPassword = "";
    private string? _resetError;

    [Inject]
    private StaffUserService StaffUsers { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IOptions<IdentityOptions> Identity { get; set; } = default!;

    // The same rule Identity applies when the user is created, so the field says it before the server refuses.
    private int MinimumPasswordLength => Identity.Value.Password.RequiredLength;

    // One message for the new user's initial password and an admin-set new one.
    private string? PasswordLengthError(string password) =>
        password.Length < MinimumPasswordLength ? $"The password needs at least {MinimumPasswordLength} characters." : null;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _actor = (await AuthenticationState).User;
        _users = await StaffUsers.ListAsync();
    }

    // Your own password is changed on the Change password page, with the current one.
    private bool IsSelf(StaffUser user) => StaffUserService.IsSelf(_actor, user.Id);

    private void StartReset(StaffUser user) => (_resetting, _resetPassword, _resetError, _message) = (user, "", null, null);

    private void CancelReset() => (_resetting, _resetPassword, _resetError) = (null, "", null);

    private async Task ResetPasswordAsync()
    {
        if (_resetting is not { } user)
        {
            return;
        }

        _resetError = PasswordLengthError(_resetPassword);
        if (_resetError is not null)
        {
            return;
        }

        await RunAsync(actor => StaffUsers.ResetPasswordAsync(actor, user.Id, _resetPassword), $"{user.Email} has a new password and is signed out.");
        if (_failed)
        {
            // Said beside the field being filled in, not at the top of the page out of sight.
            (_resetError, _message) = (_message, null);
        }
        else
        {
            CancelReset();
        }
    }

    private async Task SetDisabledAsync(StaffUser user, bool disabled)
    {
        // Disabling ends someone's working session within a minute, so it is confirmed; enabling takes nothing away.
        // Your own account is refused at once: asking first, then refusing, read as if it might go through.
        var self = StaffUserService.IsSelf((await AuthenticationState).User, user.Id);
        if (disabled && !self && !await Dialogs.AskAsync(
                $"Disable {user.Email}?",
                "They are signed out within a minute and cannot sign in until an admin enables them again. "
                    + "Their role and their entries in the audit log stay.",
                "Disable"))
        {
            return;
        }

        await RunAsync(actor => StaffUsers.SetDisabledAsync(actor, user.Id, disabled), $"{user.Email} {(disabled ? "disabled" : "enabled")}.");
    }

    private static string ChangedRole(StaffUser user, string role) => $"{user.Email} is now {role}.";

    private async Task CreateAsync()
    {
        _email = _email.Trim();
        _emailError = _email.Length == 0 ? "Enter the user's email address."
            : !MailAddress.TryCreate(_email, out var address) || address.Address != _email ? "Enter a valid email address, e.g. name@bank.com."
            : null;
        _passwordError = PasswordLengthError(_password);
        if (_emailError is not null || _passwordError is not null)
        {
            return;
        }

        await RunAsync(actor => StaffUsers.CreateAsync(actor, _email, _password, _role), $"{_email} created as {_role}.");
        if (!_failed)
        {
            _email = _password = "";
        }
    }

    private async Task RunAsync(Func<ClaimsPrincipal, Task<StaffUserResult>> action, string success)
    {
        // Every action re-checks the role server-side: the circuit's user may have lost it since the page opened.
        var actor = (await AuthenticationState).User;
        if (!actor.IsInRole(AppRoles.Admin))
        {
            (_failed, _message) = (true, "Only admins can change users.");
            return;
        }

        var result = await action(actor);
        (_failed, _message) = (!result.Succeeded, result.Succeeded ? success : result.Error);
        _users = await StaffUsers.ListAsync();
        _listReading++;
    }
}
