namespace CreditRisk.Core.Risk;

/// <summary>
/// How many re-score batches may run at once, decided before each batch starts: the configured number, or with
/// <see cref="PortfolioRescoreOptions.Parallelism"/> 0 every processor while live ingestion is quiet and one fewer
/// while it keeps the pipeline busy (<see cref="PortfolioRescoreOptions.YieldAtIngestionBusyPercent"/>).
/// </summary>
/// <remarks>
/// Ingestion's share is measured over windows of at least <see cref="Window"/>, so one batch that happens to be
/// running when a re-score batch starts does not decide alone. Before the first window has passed, a batch being
/// applied right then counts as busy.
/// </remarks>
internal sealed class RescoreParallelism
{
    /// <summary>The shortest stretch of time ingestion's share is measured over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly PortfolioRescoreOptions _options;
    private readonly int _processors;
    private readonly LiveIngestionLoad? _load;
    private readonly TimeProvider _time;
    private long _windowStart;
    private TimeSpan _busyAtWindowStart;
    private bool _yielding;

    public RescoreParallelism(PortfolioRescoreOptions options, int processors, LiveIngestionLoad? load, TimeProvider time)
    {
        _options = options;
        _processors = Math.Max(1, processors);
        _load = load;
        _time = time;
        _windowStart = time.GetTimestamp();
        _busyAtWindowStart = load?.BusyTime ?? TimeSpan.Zero;
        _yielding = load is null || load.IsBusy;
    }

    /// <summary>Whether the last decision left live ingestion a core (always, without a load to watch).</summary>
    public bool Yielding => _yielding;

    /// <summary>Batches allowed to run now, the one about to start included.</summary>
    public int Allowed()
    {
        if (_options.Parallelism > 0)
        {
            return _options.Parallelism;
        }

        if (_load is not null)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_windowStart, now);
            if (elapsed >= Window)
            {
                var busy = _load.BusyTime;
                _yielding = (busy - _busyAtWindowStart) / elapsed * 100 >= _options.YieldAtIngestionBusyPercent;
                _windowStart = now;
                _busyAtWindowStart = busy;
            }
        }

        return _yielding ? Math.Max(1, _processors - 1) : _processors;
    }
}
