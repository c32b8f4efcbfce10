using System.Collections.Concurrent;
using CreditRisk.Core.Alerts;

namespace CreditRisk.Tests.Alerts;

/// <summary>An <see cref="IAlertEventPublisher"/> that keeps what was published, for assertions.</summary>
internal sealed class RecordingAlertEvents : IAlertEventPublisher
{
    private readonly ConcurrentQueue<AlertChanged> _published = new();

    public IReadOnlyList<AlertChanged> Published => [.. _published];

    public void Publish(AlertChanged alertChanged) => _published.Enqueue(alertChanged);
}
