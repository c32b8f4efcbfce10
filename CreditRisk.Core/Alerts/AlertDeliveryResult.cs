namespace CreditRisk.Core.Alerts;

/// <summary>Result of <see cref="AlertDeliveryService.DeliverAsync"/>.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="Outcome">What this run did.</param>
/// <param name="Status">The alert's status afterwards (Pending when not found).</param>
/// <param name="RetryAt">For Deferred, RetryScheduled and InProgress: when to run again.</param>
/// <param name="Reason">Why it was suppressed, deferred or failed.</param>
public sealed record AlertDeliveryResult(
    string AlertId,
    AlertDeliveryOutcome Outcome,
    AlertStatus Status,
    DateTimeOffset? RetryAt = null,
    string? Reason = null);
