namespace CreditRisk.Core.Alerts;

/// <summary>What one delivery run did with an alert.</summary>
public enum AlertDeliveryOutcome
{
    /// <summary>The message was accepted (status Sent).</summary>
    Sent = 0,

    /// <summary>Refused for good, or out of attempts (status Failed).</summary>
    Failed = 1,

    /// <summary>Not sent by policy: no opt-in, cooldown, unknown customer (status Suppressed).</summary>
    Suppressed = 2,

    /// <summary>Quiet hours or the daily cap: still pending, to be tried at <see cref="AlertDeliveryResult.RetryAt"/>.</summary>
    Deferred = 3,

    /// <summary>A transient failure: still pending, to be tried again at <see cref="AlertDeliveryResult.RetryAt"/>.</summary>
    RetryScheduled = 4,

    /// <summary>Nothing to do: the alert is no longer pending (a second run of the same job).</summary>
    AlreadyHandled = 5,

    /// <summary>Another attempt holds the alert; look again at <see cref="AlertDeliveryResult.RetryAt"/>.</summary>
    InProgress = 6,

    /// <summary>No alert has this id.</summary>
    NotFound = 7,

    /// <summary>
    /// Nothing sent: a message went to the customer within the repeat period and the admin has not confirmed sending
    /// again (<see cref="AlertDeliveryResult.AlertId"/> names that message).
    /// </summary>
    ConfirmationRequired = 8,
}
