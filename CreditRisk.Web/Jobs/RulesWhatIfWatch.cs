using CreditRisk.Core.Persistence;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// Beside a running backtest, every <see cref="Interval"/>: writes its percent to the stored state and reads whether an
/// admin asked to cancel, then cancels <see cref="Token"/>. The state is the channel rather than Hangfire's own
/// deletion so a cancellation from any app instance reaches the worker that runs the job, and the page reads the
/// outcome ("cancelled") from the same place. A failure to reach the store also stops the run (<see cref="Error"/>):
/// a backtest whose progress and cancel cannot be recorded should not go on for minutes unseen.
/// </summary>
internal sealed class RulesWhatIfWatch : IAsyncDisposable, IProgress<double>
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _run;
    private readonly CancellationTokenSource _stop = new();
    private readonly ISettingsRepository _settings;
    private readonly TimeProvider _time;
    private readonly string _requestId;
    private readonly Task _loop;
    private int _percent;

    public RulesWhatIfWatch(ISettingsRepository settings, TimeProvider time, string requestId, CancellationToken jobServer)
    {
        _settings = settings;
        _time = time;
        _requestId = requestId;
        _run = CancellationTokenSource.CreateLinkedTokenSource(jobServer);
        _loop = LoopAsync();
    }

    /// <summary>Cancelled when an admin asks, the job server stops the job, or the store cannot be reached.</summary>
    public CancellationToken Token => _run.Token;

    /// <summary>The admin who cancelled the run, once seen.</summary>
    public string? CancelledBy { get; private set; }

    /// <summary>Why the watch could not go on (the store failed); the run was stopped for it.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Share done (0–1) as the backtest reports it, from any thread; only increases are kept.</summary>
    public void Report(double value)
    {
        var percent = (int)Math.Clamp(Math.Floor(value * 100), 0, 99); // 100 is for the stored result
        int seen;
        while ((seen = Volatile.Read(ref _percent)) < percent && Interlocked.CompareExchange(ref _percent, percent, seen) != seen)
        {
        }
    }

    /// <summary>Stops watching (the run is over), after the write in progress if any.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _run.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested && !_run.IsCancellationRequested)
            {
                await Task.Delay(Interval, _time, _stop.Token).ConfigureAwait(false);
                var percent = Volatile.Read(ref _percent);
                var cancelledBy = (string?)null;
                await RulesWhatIfState.UpdateAsync(
                    _settings,
                    s =>
                    {
                        if (s is not { Status: RulesWhatIfStatus.Running } || s.RequestId != _requestId)
                        {
                            return null;
                        }

                        cancelledBy = s.CancelRequestedBy;
                        return s.Percent == percent ? null : s with { Percent = percent };
                    },
                    _time,
                    _stop.Token).ConfigureAwait(false);
                if (cancelledBy is not null)
                {
                    CancelledBy = cancelledBy;
                    await _run.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (Exception ex)
        {
            Error = ex;
            await _run.CancelAsync().ConfigureAwait(false);
        }
    }
}
