namespace CreditRisk.Core.Alerts;

/// <summary>
/// Hands alerts to the background job system (Hangfire in the web host). The alert table stays the source of truth:
/// a lost hand-over is found again by <see cref="AlertOutboxSweeper"/>, and delivery is idempotent, so handing an
/// alert over twice is harmless. Implementations record each hand-over in <see cref="AlertDispatchLog"/>.
/// </summary>
public interface IAlertDispatcher
{
    /// <summary>Queues delivery of the alert now.</summary>
    void Enqueue(string alertId);

    /// <summary>Queues delivery of the alert at <paramref name="at"/>.</summary>
    void Schedule(string alertId, DateTimeOffset at);
}
