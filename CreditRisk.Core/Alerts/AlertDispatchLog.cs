using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Alerts;

/// <summary>
/// This process's memory of which alerts it handed to the job system and for when, so the outbox sweep re-queues
/// only alerts whose job may have gone missing. Deliberately in memory: after a restart it is empty, and the sweep
/// hands every due pending alert over once more — which is exactly what an in-memory job store needs.
/// </summary>
public sealed class AlertDispatchLog(IOptions<AlertDeliveryOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _dueAt = new(StringComparer.Ordinal);

    /// <summary>Notes that the alert's job was queued to run at <paramref name="dueAt"/>.</summary>
    public void Record(string alertId, DateTimeOffset dueAt) => _dueAt[alertId] = dueAt;

    /// <summary>True while a queued job is still expected to run (its due time plus the re-queue allowance has not passed).</summary>
    public bool IsCovered(string alertId) =>
        _dueAt.TryGetValue(alertId, out var dueAt) && dueAt + RequeueAfter > time.GetUtcNow();

    /// <summary>Forgets hand-overs long past, so the log does not grow with every alert ever sent.</summary>
    public void Prune()
    {
        var cutoff = time.GetUtcNow() - RequeueAfter - TimeSpan.FromHours(1);
        foreach (var (alertId, dueAt) in _dueAt)
        {
            if (dueAt < cutoff)
            {
                _dueAt.TryRemove(KeyValuePair.Create(alertId, dueAt));
            }
        }
    }

    private TimeSpan RequeueAfter => TimeSpan.FromMinutes(options.Value.RequeueAfterMinutes);
}
