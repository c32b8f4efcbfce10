using CreditRisk.Core.Alerts;
using Hangfire;

namespace CreditRisk.Web.Jobs;

/// <summary>
/// <c>send-whatsapp-alert(alertId)</c>: delivers one alert. Safe to run twice: delivery only sends a pending alert and
/// claims it with a compare-and-swap first. A deferred or retried alert is scheduled again for its due time.
/// </summary>
public sealed class SendWhatsAppAlertJob(AlertDeliveryService delivery, IAlertDispatcher dispatcher, ILogger<SendWhatsAppAlertJob> logger)
{
    [Queue(JobIds.AlertsQueue)]
    [JobDisplayName("send-whatsapp-alert {0}")]
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(string alertId, CancellationToken ct)
    {
        var result = await delivery.DeliverAsync(alertId, JobIds.Actor(JobIds.SendWhatsAppAlert), ct);
        if (result.RetryAt is { } at && result.Outcome is AlertDeliveryOutcome.Deferred or AlertDeliveryOutcome.RetryScheduled or AlertDeliveryOutcome.InProgress)
        {
            dispatcher.Schedule(alertId, at);
        }

        logger.LogInformation("send-whatsapp-alert {AlertId}: {Outcome} ({Status}) {Reason}", alertId, result.Outcome, result.Status, result.Reason);
    }
}
