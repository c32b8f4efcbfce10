using System.Globalization;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CreditRisk.Web.Components.Pages.Admin.Models;

public partial class SnapshotUploadPanel
{
    // Progress is redrawn at most this often: a large file reports thousands of times.
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(200);

    private IBrowserFile? _file;
    private DateTime? _asOf;
    private MudDatePicker? _asOfPicker;
    private bool _train = true;
    private bool _isAdmin;
    private bool _busy;
    private string? _validation;
    private SnapshotUploadProgress? _progress;
    private SnapshotUploadResult? _result;
    private long _lastRedraw;

    [Inject]
    private SnapshotAdminService Snapshots { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Called after a successful upload (the page reloads the registry to show a new version).</summary>
    [Parameter]
    public EventCallback Finished { get; set; }

    protected override async Task OnInitializedAsync() =>
        _isAdmin = (await AuthenticationState).User.IsInRole(AppRoles.Admin);

    private void Choose(InputFileChangeEventArgs e)
    {
        _file = e.File;
        _result = null;
        _validation = e.File.Size > SnapshotAdminService.MaxUploadBytes
            ? string.Create(CultureInfo.InvariantCulture, $"The file is too large: the most accepted is {SnapshotAdminService.MaxUploadBytes / 1024 / 1024:N0} MB.")
            : null;
    }

    private async Task ImportAsync()
    {
        if (_file is null)
        {
            return;
        }

        // Text the picker could not read leaves its date empty, which would otherwise import as of today.
        if (_asOfPicker?.ConversionError == true)
        {
            _validation = "As of must be a date written as year-month-day, e.g. 2026-11-30, or blank for today.";
            return;
        }

        DateOnly? asOf = _asOf is { } day ? DateOnly.FromDateTime(day) : null;
        _validation = null;
        _busy = true;
        _result = null;
        var file = _file;
        var upload = new SnapshotUpload(file.Name, file.Size, () => file.OpenReadStream(SnapshotAdminService.MaxUploadBytes)) { AsOf = asOf, Train = _train };
        try
        {
            var user = (await AuthenticationState).User;
            var progress = new Progress(this);

            // The import does synchronous store work: run it off the circuit so progress can be drawn meanwhile.
            // The upload stream is read inside, which Blazor allows from any thread.
            _result = await Task.Run(() => Snapshots.UploadAsync(user, upload, progress));
            if (_result.Succeeded)
            {
                await Finished.InvokeAsync();
            }
        }
        finally
        {
            _busy = false;
            _progress = null;
        }
    }

    private void Report(SnapshotUploadProgress value)
    {
        var now = Time.GetTimestamp();
        if (value.Phase == _progress?.Phase && Time.GetElapsedTime(_lastRedraw, now) < RedrawEvery)
        {
            return;
        }

        _lastRedraw = now;
        _ = InvokeAsync(() =>
        {
            _progress = _busy ? value : null;
            StateHasChanged();
        });
    }

    private static string PhaseText(SnapshotUploadProgress p) => p.Phase switch
    {
        SnapshotUploadPhase.Uploading => string.Create(CultureInfo.InvariantCulture, $"Uploading… {p.Percent ?? 0:0}%"),
        SnapshotUploadPhase.Checking => string.Create(CultureInfo.InvariantCulture, $"Checking every row… {p.Percent ?? 0:0}%"),
        SnapshotUploadPhase.Importing => string.Create(CultureInfo.InvariantCulture, $"Importing and scoring… {p.Percent ?? 0:0}%"),
        SnapshotUploadPhase.Training => "Training the snapshot model…",
        _ => "Done",
    };

    private sealed class Progress(SnapshotUploadPanel panel) : IProgress<SnapshotUploadProgress>
    {
        public void Report(SnapshotUploadProgress value) => panel.Report(value);
    }
}
