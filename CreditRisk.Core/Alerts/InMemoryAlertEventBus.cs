using CreditRisk.Core.Events;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Alerts;

/// <summary>In-process pub/sub for <see cref="AlertChanged"/> (see <see cref="InMemoryEventBus{TEvent}"/>).</summary>
public sealed class InMemoryAlertEventBus(ILogger<InMemoryAlertEventBus> logger)
    : InMemoryEventBus<AlertChanged>(logger), IAlertEventPublisher, IAlertEventStream
{
    protected override string Describe(AlertChanged alertChanged) => $"alert {alertChanged.Alert.Id} of customer {alertChanged.Alert.CustomerId}";
}
