using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Events;

/// <summary>
/// In-process pub/sub: each subscriber has its own bounded queue (<see cref="QueueCapacity"/> events, oldest dropped
/// when full) drained by its own task, so publishing never waits and one slow or failing subscriber affects nobody
/// else. Concrete buses (risk events, alert events) derive from it and name what an event is about for the logs.
/// </summary>
public abstract class InMemoryEventBus<TEvent>(ILogger logger) : IDisposable
    where TEvent : class
{
    /// <summary>Events queued per subscriber before the oldest are dropped.</summary>
    public const int QueueCapacity = 1_000;

    private readonly Lock _lock = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Subscribers right now; a view that went away must leave this count.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Hands the event to every subscriber's queue and returns at once.</summary>
    public void Publish(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Queue.Writer.TryWrite(@event);
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every event published after this call, one at a time, on a background
    /// task. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(Func<TEvent, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        subscription.Start();
        return subscription;
    }

    public void Dispose()
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>What the event is about, for the log line of a failing subscriber (e.g. the customer id).</summary>
    protected abstract string Describe(TEvent @event);

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    private void LogHandlerFailure(Exception ex, TEvent @event) =>
        logger.LogWarning(ex, "A {EventType} subscriber failed on the event for {Subject}", typeof(TEvent).Name, Describe(@event));

    private sealed class Subscription(InMemoryEventBus<TEvent> bus, Func<TEvent, CancellationToken, ValueTask> handler) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public Channel<TEvent> Queue { get; } = Channel.CreateBounded<TEvent>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public void Start() => _ = Task.Run(PumpAsync);

        public void Dispose()
        {
            bus.Remove(this);
            Queue.Writer.TryComplete();
            _stop.Cancel();
        }

        private async Task PumpAsync()
        {
            try
            {
                await foreach (var @event in Queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                {
                    try
                    {
                        await handler(@event, _stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                    {
                        bus.LogHandlerFailure(ex, @event);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }
    }
}
