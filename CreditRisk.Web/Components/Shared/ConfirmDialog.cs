using MudBlazor;

namespace CreditRisk.Web.Components.Shared;

/// <summary>
/// The yes / cancel question asked before an action that cannot simply be taken back (send an alert, disable a user,
/// revoke a key). The box takes focus on its yes button (Enter confirms, Shift+Tab reaches Cancel); Escape always
/// closes it without acting, whatever the global dialog defaults say.
/// </summary>
public static class ConfirmDialog
{
    public static readonly DialogOptions Options = new() { CloseOnEscapeKey = true };

    /// <summary>Asks <paramref name="title"/> with <paramref name="message"/>; true only when the yes button was chosen.</summary>
    public static async Task<bool> AskAsync(this IDialogService dialogs, string title, string message, string yesText)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return await dialogs.ShowMessageBoxAsync(
            new MessageBoxOptions { Title = title, Message = message, YesText = yesText, CancelText = "Cancel" }, Options) == true;
    }
}
