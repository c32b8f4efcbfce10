namespace CreditRisk.Core.Portfolio;

/// <summary>
/// Whether a risk or alert event calls for a new portfolio snapshot now: only while someone watches (an open
/// portfolio page). Nobody watching, the event is remembered and the next viewer to arrive gets a fresh snapshot;
/// meanwhile the periodic refresh keeps the snapshot at most <see cref="PortfolioOptions.RefreshSeconds"/> old.
/// </summary>
/// <remarks>
/// A refresh reads every band change of the window (up to <see cref="PortfolioOptions.MaxBandChanges"/>) and a score
/// count per histogram edge: under steady ingestion at 100,000 customers, refreshing after every burst took about a
/// quarter of the web app's processor time, for a page nobody had open (issue #18, docs/performance.md).
/// </remarks>
public sealed class SnapshotDemand
{
    private int _viewers;
    private int _missed;

    public int Viewers => Volatile.Read(ref _viewers);

    /// <summary>An event arrived: true when a viewer is waiting for it, else it is remembered for the next one.</summary>
    public bool OnEvent()
    {
        if (Viewers > 0)
        {
            return true;
        }

        Volatile.Write(ref _missed, 1);

        // A viewer may have arrived between the two reads and found nothing missed yet.
        return Viewers > 0 && Interlocked.Exchange(ref _missed, 0) == 1;
    }

    /// <summary>A viewer arrived: true when events came in since the last refresh.</summary>
    public bool AddViewer()
    {
        Interlocked.Increment(ref _viewers);
        return Interlocked.Exchange(ref _missed, 0) == 1;
    }

    public void RemoveViewer() => Interlocked.Decrement(ref _viewers);

    /// <summary>A refresh starts: what it reads includes every event so far.</summary>
    public void Refreshing() => Volatile.Write(ref _missed, 0);
}
