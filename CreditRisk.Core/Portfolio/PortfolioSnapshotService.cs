using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Portfolio;

/// <summary>
/// Holds the latest <see cref="PortfolioSnapshot"/> and refreshes it in the background: at start, every
/// <see cref="PortfolioOptions.RefreshSeconds"/>, and — while a page listens to <see cref="Changed"/> — after risk and
/// alert events (at most once per <see cref="PortfolioOptions.MinRefreshSeconds"/>; see <see cref="SnapshotDemand"/>).
/// Pages read <see cref="Current"/> and never query the store for it.
/// </summary>
public sealed class PortfolioSnapshotService(
    PortfolioSnapshotBuilder builder,
    IRiskEventStream events,
    IAlertEventStream alertEvents,
    IOptions<PortfolioOptions> options,
    TimeProvider time,
    ILogger<PortfolioSnapshotService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _dirty = new(0, 1);
    private readonly SnapshotDemand _demand = new();
    private readonly Lock _handlersGate = new();
    private Action<PortfolioSnapshot>? _changed;
    private PortfolioSnapshot? _current;

    /// <summary>The latest snapshot; null until the first one is computed (seconds after start).</summary>
    public PortfolioSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>
    /// Raised (on a background thread) after each refresh. A handler is a viewer: while there is one, events refresh the
    /// snapshot, and the first one to arrive after unseen events gets a refresh straight away.
    /// </summary>
    public event Action<PortfolioSnapshot>? Changed
    {
        add
        {
            lock (_handlersGate)
            {
                _changed += value;
            }

            if (_demand.AddViewer())
            {
                MarkDirty();
            }
        }

        remove
        {
            lock (_handlersGate)
            {
                _changed -= value;
            }

            _demand.RemoveViewer();
        }
    }

    /// <summary>Computes a snapshot now and makes it current.</summary>
    public async Task<PortfolioSnapshot> RefreshAsync(CancellationToken ct = default)
    {
        _demand.Refreshing();
        var snapshot = await builder.BuildAsync(ct).ConfigureAwait(false);
        Volatile.Write(ref _current, snapshot);
        Volatile.Read(ref _changed)?.Invoke(snapshot);
        return snapshot;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var subscription = events.Subscribe((_, _) =>
        {
            OnEvent();
            return ValueTask.CompletedTask;
        });

        // Alert statuses feed the funnel card: a delivery or read moves it too.
        using var alertSubscription = alertEvents.Subscribe((_, _) =>
        {
            OnEvent();
            return ValueTask.CompletedTask;
        });

        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Portfolio snapshot refresh failed; the previous snapshot stays current");
            }

            try
            {
                // Collapse a burst of events into one refresh, then wait for the next event or the periodic refresh. Waiting
                // at least as long as the refresh took keeps it under half a core even on a slow store under constant events.
                var took = time.GetElapsedTime(started);
                var pause = TimeSpan.FromSeconds(settings.MinRefreshSeconds);
                await Task.Delay(took > pause ? took : pause, time, stoppingToken).ConfigureAwait(false);
                await _dirty.WaitAsync(TimeSpan.FromSeconds(settings.RefreshSeconds), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void OnEvent()
    {
        if (_demand.OnEvent())
        {
            MarkDirty();
        }
    }

    private void MarkDirty()
    {
        try
        {
            _dirty.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already marked.
        }
    }

    public override void Dispose()
    {
        _dirty.Dispose();
        base.Dispose();
    }
}
