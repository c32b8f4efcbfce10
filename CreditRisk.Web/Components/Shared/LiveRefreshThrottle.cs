namespace CreditRisk.Web.Components.Shared;

/// <summary>
/// Collapses bursts of "something changed" signals into at most one refresh per <c>interval</c>: the first signal
/// after a quiet spell is served at the next tick, later signals in the same interval ride along. Used by live views (see LiveComponentBase)
/// so a nightly re-score publishing thousands of events costs one query a second per open view.
/// </summary>
public sealed class LiveRefreshThrottle : IDisposable
{
    private readonly Func<Task> _refresh;
    private readonly ITimer _timer;
    private int _dirty;
    private int _running;

    public LiveRefreshThrottle(TimeProvider time, TimeSpan interval, Func<Task> refresh)
    {
        _refresh = refresh;
        _timer = time.CreateTimer(_ => _ = TickAsync(), null, interval, interval);
    }

    /// <summary>Asks for a refresh; safe from any thread.</summary>
    public void MarkDirty() => Interlocked.Exchange(ref _dirty, 1);

    private async Task TickAsync()
    {
        // A refresh still running when the next tick comes is not overlapped; the signal waits for the following tick.
        if (Volatile.Read(ref _dirty) == 0 || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _dirty, 0);
            await _refresh();
        }
        catch (ObjectDisposedException)
        {
            // The view went away between the tick and the refresh.
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
