namespace CreditRisk.Core.Alerts;

/// <summary>Publishes alert changes without ever blocking the caller.</summary>
public interface IAlertEventPublisher
{
    /// <summary>Hands the event to every subscriber's queue and returns at once.</summary>
    void Publish(AlertChanged alertChanged);
}

/// <summary>Subscribes to alert changes (for example a Blazor circuit showing alert statuses).</summary>
public interface IAlertEventStream
{
    /// <summary>
    /// Calls <paramref name="handler"/> for every change published after this call, one at a time, on a background
    /// task. A slow subscriber loses its oldest queued events rather than slowing delivery. Dispose to stop.
    /// </summary>
    IDisposable Subscribe(Func<AlertChanged, CancellationToken, ValueTask> handler);
}
