using System.Diagnostics;

namespace CreditRisk.Cli.Bench;

/// <summary>Collects elapsed times (Stopwatch ticks) and answers percentiles; not thread-safe, one per producer.</summary>
internal sealed class LatencyRecorder(int capacity = 1_024)
{
    private readonly List<long> _ticks = new(capacity);

    public int Count => _ticks.Count;

    /// <summary>Records one sample <paramref name="times"/> times (every transaction of a batch waited as long as the batch).</summary>
    public void Add(long ticks, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _ticks.Add(ticks);
        }
    }

    public void AddRange(LatencyRecorder other) => _ticks.AddRange(other._ticks);

    /// <summary>Nearest-rank percentile in milliseconds; 0 without samples.</summary>
    public double PercentileMs(double percentile)
    {
        if (_ticks.Count == 0)
        {
            return 0;
        }

        _ticks.Sort();
        var rank = (int)Math.Ceiling(percentile / 100 * _ticks.Count) - 1;
        return _ticks[Math.Clamp(rank, 0, _ticks.Count - 1)] * 1_000.0 / Stopwatch.Frequency;
    }
}
