namespace CreditRisk.Core.Risk;

/// <summary>
/// How busy live ingestion keeps the risk pipeline: the wall time during which at least one accepted batch was being
/// applied, summed since start. Background work samples <see cref="BusyTime"/> twice and divides the difference by the
/// time between, so it can give way to a steady stream of batches while a trickle (a few transactions a second, each
/// applied in a millisecond) does not hold it back.
/// </summary>
public sealed class LiveIngestionLoad(TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _running;
    private long _busySince;
    private long _busyTicks;

    /// <summary>Marks a batch as being applied until the result is disposed.</summary>
    public IDisposable Begin()
    {
        lock (_gate)
        {
            if (_running++ == 0)
            {
                _busySince = time.GetTimestamp();
            }
        }

        return new Batch(this);
    }

    /// <summary>Whether a batch is being applied right now.</summary>
    public bool IsBusy
    {
        get
        {
            lock (_gate)
            {
                return _running > 0;
            }
        }
    }

    /// <summary>Time with at least one batch being applied since this process started, including the batches running now.</summary>
    public TimeSpan BusyTime
    {
        get
        {
            lock (_gate)
            {
                var ongoing = _running > 0 ? time.GetTimestamp() - _busySince : 0;
                return TimeSpan.FromSeconds((double)(_busyTicks + ongoing) / time.TimestampFrequency);
            }
        }
    }

    private void End()
    {
        lock (_gate)
        {
            if (--_running == 0)
            {
                _busyTicks += time.GetTimestamp() - _busySince;
            }
        }
    }

    private sealed class Batch(LiveIngestionLoad owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.End();
            }
        }
    }
}
