using System.Globalization;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Components.Shared;
using CreditRisk.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CreditRisk.Web.Components.Pages.Admin.Models;

public partial class RetrainPanel
{
    private RetrainState? _state;
    private string? _message;
    private bool _failed;
    private bool _isAdmin;
    private bool _confirming;
    private bool _busy;
    private ActiveJobPoller? _poller;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Called when a retrain this panel watched finishes successfully (the page reloads the registry).</summary>
    [Parameter]
    public EventCallback Finished { get; set; }

    /// <summary>Seconds between status checks while a retrain is queued or running. Default 3.</summary>
    [Parameter]
    public int PollSeconds { get; set; } = 3;

    private bool Active => _state?.IsActive == true;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await AuthenticationState).User.IsInRole(AppRoles.Admin);
        _state = await Retrain.GetLastAsync();
        _poller = new ActiveJobPoller(TimeSpan.FromSeconds(PollSeconds), Time, () => Active, RefreshAsync, Logger);
    }

    private async Task RequestAsync()
    {
        _busy = true;
        try
        {
            // The service re-checks the role and that none is running: the button's state is no permission.
            var result = await Retrain.RequestAsync((await AuthenticationState).User);
            (_failed, _message) = (!result.Succeeded, result.Message);
            _confirming = false;
            _state = await Retrain.GetLastAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        var next = await Retrain.GetLastAsync(ct);
        await InvokeAsync(async () =>
        {
            _state = next;
            if (next?.IsActive != true)
            {
                _message = null; // "queued" no longer holds; the status line says how it ended
            }

            StateHasChanged();
            if (next?.Status == RetrainStatus.Succeeded)
            {
                await Finished.InvokeAsync();
            }
        });
    }

    private static string When(DateTimeOffset? at) => at?.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public ValueTask DisposeAsync() => _poller?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// The new version's AUC beside the champion's only when both are on the same hold-out rows; otherwise says they
    /// are not comparable and why.
    /// </summary>
    private static string ComparisonText(ChampionComparison? comparison) => comparison switch
    {
        null => "Not compared with the champion on the same rows.",
        { Compared: true } c =>
            string.Create(CultureInfo.InvariantCulture, $"On the same {c.Rows:N0} hold-out rows: this version AUC {c.VersionAuc:0.000}, champion {c.ChampionVersion} AUC {c.ChampionAuc:0.000}."),
        { ChampionVersion: null } c => $"Nothing to compare with: {c.Reason}",
        { } c => $"Not comparable with the champion: {c.Reason}",
    };
}
