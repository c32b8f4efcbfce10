using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Core.Alerts;

/// <summary>
/// The outbox safety net (run every minute): hands pending alerts whose job may have gone missing — never queued
/// because an event was dropped, or lost with an in-memory job store on restart — to the job system again.
/// </summary>
public sealed class AlertOutboxSweeper(
    ICreditRiskStore store,
    IAlertDispatcher dispatcher,
    AlertDispatchLog dispatched,
    IOptions<AlertDeliveryOptions> options,
    TimeProvider time,
    ILogger<AlertOutboxSweeper> logger)
{
    /// <summary>Alerts younger than this are left to the hand-over that follows their creation.</summary>
    public static readonly TimeSpan CreationGrace = TimeSpan.FromSeconds(30);

    /// <summary>Re-queues pending alerts no job is known to cover; returns how many were handed over.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        dispatched.Prune();
        var pending = await store.Alerts.ListByStatusAsync(AlertStatus.Pending, now - CreationGrace, settings.SweepBatchSize, ct).ConfigureAwait(false);
        var handedOver = 0;
        foreach (var alert in pending)
        {
            if (dispatched.IsCovered(alert.Id))
            {
                continue;
            }

            // Due when it may be sent and no claimed attempt is still within its grace period.
            var due = alert.NotBefore is { } notBefore && notBefore > now ? notBefore : now;
            if (alert.SendingAt is { } claimedAt && claimedAt + TimeSpan.FromSeconds(settings.InFlightGraceSeconds) > due)
            {
                due = claimedAt + TimeSpan.FromSeconds(settings.InFlightGraceSeconds);
            }

            if (due <= now)
            {
                dispatcher.Enqueue(alert.Id);
            }
            else
            {
                dispatcher.Schedule(alert.Id, due);
            }

            handedOver++;
        }

        if (handedOver > 0)
        {
            logger.LogInformation("Outbox sweep handed {Count} of {Pending} pending alerts to the job queue", handedOver, pending.Count);
        }

        return handedOver;
    }
}
