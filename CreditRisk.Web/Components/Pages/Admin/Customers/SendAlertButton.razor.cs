using CreditRisk.Core.Alerts;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>
/// The grid's "Send WhatsApp Alert": a confirmation that says when the message will go and what was sent lately,
/// then the manual send (see <see cref="ManualAlertService"/>), whose outcome is told in a snackbar.
/// </summary>
public partial class SendAlertButton
{
    private bool _sending;

    [Inject]
    private ManualAlertService Manual { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Parameter, EditorRequired]
    public RiskGridRow Row { get; set; } = default!;

    [Parameter]
    public EventCallback Sent { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    // Names repeat across customers, so the id makes each row's button distinct for a screen-reader user.
    private string AccessibleName => $"Send WhatsApp Alert to {Row.CustomerName} ({Row.CustomerId})";

    // Unique per row (one button per customer in the grid); HTML ids only exclude whitespace.
    private string ReasonId => "send-alert-reason-" + string.Concat(Row.CustomerId.Select(c => char.IsWhiteSpace(c) ? '-' : c));

    private async Task ConfirmAndSendAsync()
    {
        // The customer reads this: their own words, never the staff reason beside the button (it carried thresholds and
        // unformatted amounts such as "51,886.14 of the minimum due is 102 days overdue").
        var reason = Row.CustomerReason ?? CustomerReasons.GeneralStrain;
        var preview = await Manual.PreviewAsync(Row.CustomerId);
        if (preview is null)
        {
            Snackbar.Add($"Customer {Row.CustomerId} no longer exists.", Severity.Warning);
            return;
        }

        var confirmation = SendAlertConfirmation.For(Row.CustomerName, reason, preview, Time.GetUtcNow());
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            new MessageBoxOptions
            {
                Title = confirmation.Title,
                MarkupMessage = confirmation.Message,
                YesText = confirmation.YesText,
                CancelText = "Cancel",
            },
            ConfirmDialog.Options);
        if (confirmed != true)
        {
            return;
        }

        _sending = true;
        try
        {
            var user = AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
            var result = await Manual.SendAsync(Row.CustomerId, reason, string.IsNullOrEmpty(user) ? "admin" : user, preview.RecentMessage?.Id);
            Snackbar.Add(Describe(result), result.Outcome is AlertDeliveryOutcome.Sent or AlertDeliveryOutcome.Deferred ? Severity.Success : Severity.Warning);
            await Sent.InvokeAsync();
        }
        finally
        {
            _sending = false;
        }
    }

    private string Describe(AlertDeliveryResult result) => result.Outcome switch
    {
        AlertDeliveryOutcome.Sent => $"Alert sent to {Row.CustomerName}.",
        AlertDeliveryOutcome.Deferred => $"Alert scheduled: it goes out {ScheduleText.Describe(result.RetryAt!.Value, Zone)}. {result.Reason}",
        AlertDeliveryOutcome.RetryScheduled => "WhatsApp did not accept it yet; it will be retried.",
        AlertDeliveryOutcome.ConfirmationRequired => $"Not sent: another message reached this customer meanwhile. {result.Reason}",
        _ => $"Alert not sent: {result.Reason ?? result.Outcome.ToString()}",
    };

    private TimeZoneInfo? Zone => Row.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
