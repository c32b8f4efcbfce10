using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Web.Components.Shared;

/// <summary>
/// Base of a view that follows the risk and alert events concerning it: once the circuit is interactive it subscribes
/// to both streams, collapses each burst of events into one <see cref="RefreshAsync"/> and render at most every
/// <see cref="RefreshInterval"/>, and unsubscribes when it is disposed — which Blazor does when the user navigates away
/// or the circuit goes away. Views say what concerns them (<see cref="Concerns(RiskAssessed)"/>,
/// <see cref="Concerns(AlertChanged)"/>) and how to re-read (<see cref="RefreshAsync"/>).
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    /// <summary>How often at most a view re-reads after events.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private IDisposable? _riskSubscription;
    private IDisposable? _alertSubscription;
    private LiveRefreshThrottle? _throttle;
    private volatile bool _disposed;

    [Inject]
    private IRiskEventStream RiskEvents { get; set; } = default!;

    [Inject]
    private IAlertEventStream AlertEvents { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<LiveComponentBase> Logger { get; set; } = default!;

    /// <summary>
    /// Subscribes when rendering interactively (a prerender has no circuit to push to). Sealed so a view cannot forget
    /// it: views load their data in <c>OnInitializedAsync</c> or <c>OnParametersSetAsync</c>.
    /// </summary>
    protected sealed override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive || _throttle is not null)
        {
            return;
        }

        _throttle = new LiveRefreshThrottle(Time, RefreshInterval, OnTickAsync);
        _riskSubscription = RiskEvents.Subscribe((e, _) => Mark(Concerns(e)));
        _alertSubscription = AlertEvents.Subscribe((e, _) => Mark(Concerns(e)));
    }

    /// <summary>Whether a new assessment changes what this view shows. Called on a background thread.</summary>
    protected virtual bool Concerns(RiskAssessed riskAssessed) => true;

    /// <summary>Whether an alert change changes what this view shows. Called on a background thread.</summary>
    protected virtual bool Concerns(AlertChanged alertChanged) => true;

    /// <summary>Re-reads the view's data; the base renders afterwards. Runs on the renderer's synchronisation context.</summary>
    protected abstract Task RefreshAsync();

    private ValueTask Mark(bool concerns)
    {
        if (concerns)
        {
            _throttle?.MarkDirty();
        }

        return ValueTask.CompletedTask;
    }

    private Task OnTickAsync() => InvokeAsync(async () =>
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await RefreshAsync();
            StateHasChanged();
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            // The view keeps what it shows; the next event tries again.
            Logger.LogWarning(ex, "Live refresh of {View} failed", GetType().Name);
        }
    });

    public void Dispose()
    {
        _disposed = true;
        _riskSubscription?.Dispose();
        _alertSubscription?.Dispose();
        _throttle?.Dispose();
        _riskSubscription = _alertSubscription = null;
        _throttle = null;
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived view holds besides its subscriptions.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
