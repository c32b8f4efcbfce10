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

    /// <summary>
    /// Re-queues pending alerts no job is known to cover, at most <see cref="AlertDeliveryOptions.SweepBatchSize"/> a run
    /// (the rest the next minute); returns how many were handed over.
    /// </summary>
    /// <remarks>
    /// Reads the pending alerts a page at a time, oldest first, past the covered ones: alerts deferred to tomorrow by the
    /// daily cap stay pending and covered, and a single oldest-first page of them would hide every newer alert that
    /// needs handing over (a retry, a manual alert after quiet hours, everything after a restart).
    /// </remarks>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        dispatched.Prune();
        var handedOver = 0;
        var read = 0;
        Alert? last = null;
        while (handedOver < settings.SweepBatchSize)
        {
            var page = await store.Alerts.ListByStatusAsync(AlertStatus.Pending, now - CreationGrace, settings.SweepBatchSize, last, ct).ConfigureAwait(false);
            foreach (var alert in page.Where(a => !dispatched.IsCovered(a.Id)).Take(settings.SweepBatchSize - handedOver))
            {
                HandOver(alert, now, settings);
                handedOver++;
            }

            read += page.Count;
            if (page.Count < settings.SweepBatchSize)
            {
                break;
            }

            last = page[^1];
        }

        if (handedOver > 0)
        {
            logger.LogInformation("Outbox sweep handed {Count} of {Read} pending alerts read to the job queue", handedOver, read);
        }

        return handedOver;
    }

    private void HandOver(Alert alert, DateTimeOffset now, AlertDeliveryOptions settings)
    {
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
    }
}
