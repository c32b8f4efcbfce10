namespace CreditRisk.Web.Components.Shared;

/// <summary>
/// Follows a background job from a panel: on every tick, while the job is queued or running, refreshes the panel's
/// view of it. A refresh that fails (a store or job-store timeout) is logged and tried again at the next tick: one
/// failure must not leave the panel on "running" for good. Stops when disposed with the panel, so a closed page leaves
/// no timer behind.
/// </summary>
public sealed class ActiveJobPoller : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="every">Time between checks.</param>
    /// <param name="time">The clock (a fake one in tests).</param>
    /// <param name="isActive">Whether the job the panel shows is still queued or running; no check while it is not.</param>
    /// <param name="refresh">Reads the job's state and shows it; given a token that ends with the poller.</param>
    /// <param name="logger">Where a failed refresh is reported.</param>
    public ActiveJobPoller(TimeSpan every, TimeProvider time, Func<bool> isActive, Func<CancellationToken, Task> refresh, ILogger logger) =>
        _loop = RunAsync(every, time, isActive, refresh, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan every, TimeProvider time, Func<bool> isActive, Func<CancellationToken, Task> refresh, ILogger logger)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!isActive())
                {
                    continue;
                }

                try
                {
                    await refresh(_stop.Token);
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Reading the job's state failed; trying again in {Seconds} s", every.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // the page was closed
        }
    }
}
