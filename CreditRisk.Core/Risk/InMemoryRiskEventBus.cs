using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Risk;

/// <summary>
/// In-process pub/sub for <see cref="RiskAssessed"/>: each subscriber has its own bounded queue
/// (<see cref="QueueCapacity"/> events, oldest dropped when full) drained by its own task, so publishing never waits
/// and one slow or failing subscriber affects nobody else.
/// </summary>
public sealed class InMemoryRiskEventBus(ILogger<InMemoryRiskEventBus> logger) : IRiskEventPublisher, IRiskEventStream, IDisposable
{
    /// <summary>Events queued per subscriber before the oldest are dropped.</summary>
    public const int QueueCapacity = 1_000;

    private readonly Lock _lock = new();
    private Subscription[] _subscriptions = [];

    public void Publish(RiskAssessed riskAssessed)
    {
        ArgumentNullException.ThrowIfNull(riskAssessed);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Queue.Writer.TryWrite(riskAssessed);
        }
    }

    public IDisposable Subscribe(Func<RiskAssessed, CancellationToken, ValueTask> handler)
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
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    private sealed class Subscription(InMemoryRiskEventBus bus, Func<RiskAssessed, CancellationToken, ValueTask> handler) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public Channel<RiskAssessed> Queue { get; } = Channel.CreateBounded<RiskAssessed>(
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
                await foreach (var riskAssessed in Queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                {
                    try
                    {
                        await handler(riskAssessed, _stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                    {
                        bus.LogHandlerFailure(ex, riskAssessed.Assessment.CustomerId);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }
    }

    private void LogHandlerFailure(Exception ex, string customerId) =>
        logger.LogWarning(ex, "A risk event subscriber failed on the event for customer {CustomerId}", customerId);
}
