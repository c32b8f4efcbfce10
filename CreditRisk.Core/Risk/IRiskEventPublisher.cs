namespace CreditRisk.Core.Risk;

/// <summary>Publishes risk events without ever blocking the caller.</summary>
public interface IRiskEventPublisher
{
    /// <summary>Hands the event to every subscriber's queue and returns at once.</summary>
    void Publish(RiskAssessed riskAssessed);
}

/// <summary>Subscribes to risk events (for example a Blazor circuit showing a live grid).</summary>
public interface IRiskEventStream
{
    /// <summary>
    /// Calls <paramref name="handler"/> for every event published after this call, one at a time, on a background
    /// task. A slow subscriber loses its oldest queued events rather than slowing the pipeline. Dispose to stop.
    /// </summary>
    IDisposable Subscribe(Func<RiskAssessed, CancellationToken, ValueTask> handler);
}
