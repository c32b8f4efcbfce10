using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// Queues delivery as soon as the pipeline raises an alert (its <see cref="RiskAssessed"/> event carries the alert id).
/// Events may be dropped under load; the outbox sweep then finds the alert within a minute or so.
/// </summary>
internal sealed class EscalationAlertEnqueuer(IRiskEventStream events, IAlertDispatcher dispatcher, ILogger<EscalationAlertEnqueuer> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe((riskAssessed, _) =>
        {
            if (riskAssessed.AlertId is { } alertId)
            {
                dispatcher.Enqueue(alertId);
                logger.LogDebug("Alert {AlertId} for customer {CustomerId} queued for delivery", alertId, riskAssessed.Assessment.CustomerId);
            }

            return ValueTask.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
