using CreditRisk.Core.Events;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Risk;

/// <summary>In-process pub/sub for <see cref="RiskAssessed"/> (see <see cref="InMemoryEventBus{TEvent}"/>).</summary>
public sealed class InMemoryRiskEventBus(ILogger<InMemoryRiskEventBus> logger)
    : InMemoryEventBus<RiskAssessed>(logger), IRiskEventPublisher, IRiskEventStream
{
    protected override string Describe(RiskAssessed riskAssessed) => "customer " + riskAssessed.Assessment.CustomerId;
}
