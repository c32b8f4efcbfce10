using CreditRisk.Core.Messaging;

namespace CreditRisk.Core.Alerts;

/// <summary>What one claimed send attempt turns the alert into, and how that reads as a delivery result.</summary>
internal static class AlertAttemptOutcome
{
    /// <summary>The claimed alert after <paramref name="send"/>: sent, retried later with back-off, or failed.</summary>
    public static Alert Apply(Alert claimed, SendResult send, AlertDeliveryOptions settings, DateTimeOffset now) => send.Outcome switch
    {
        SendOutcome.Sent => claimed with
        {
            Status = AlertStatus.Sent,
            ProviderMessageId = send.ProviderMessageId,
            SentAt = now,
            SendingAt = null,
            UsedFallbackTemplate = send.UsedFallbackTemplate,
            FailureReason = null,
            UpdatedAt = now,
        },
        // Our own access token was refused: the message is fine and goes once the token is renewed, so the attempt is
        // not counted and the alert waits the longest ordinary back-off each time instead of failing for good.
        SendOutcome.TransientFailure when GraphErrorCodes.IsAccessRefused(send.ErrorCode) => claimed with
        {
            Attempts = claimed.Attempts - 1,
            SendingAt = null,
            NotBefore = now + TimeSpan.FromSeconds(settings.RetryDelaySeconds * Math.Pow(2, settings.MaxAttempts - 1)),
            FailureReason = $"Waiting for a valid WhatsApp access token: {send.Error}",
            UpdatedAt = now,
        },
        SendOutcome.TransientFailure when claimed.Attempts < settings.MaxAttempts => claimed with
        {
            SendingAt = null,
            NotBefore = now + TimeSpan.FromSeconds(settings.RetryDelaySeconds * Math.Pow(2, claimed.Attempts - 1)),
            FailureReason = send.Error,
            UpdatedAt = now,
        },
        SendOutcome.TransientFailure => claimed with
        {
            Status = AlertStatus.Failed,
            SendingAt = null,
            FailedAt = now,
            FailureReason = $"Gave up after {claimed.Attempts} attempts: {send.Error}",
            UpdatedAt = now,
        },
        _ => claimed with
        {
            Status = AlertStatus.Failed,
            SendingAt = null,
            FailedAt = now,
            FailureReason = send.Error,
            UpdatedAt = now,
        },
    };

    public static AlertDeliveryResult ToResult(Alert saved, SendResult send) => saved.Status switch
    {
        AlertStatus.Pending => new AlertDeliveryResult(saved.Id, AlertDeliveryOutcome.RetryScheduled, saved.Status, saved.NotBefore, send.Error),
        AlertStatus.Failed => new AlertDeliveryResult(saved.Id, AlertDeliveryOutcome.Failed, saved.Status, Reason: saved.FailureReason),
        _ => new AlertDeliveryResult(saved.Id, AlertDeliveryOutcome.Sent, saved.Status, Reason: send.UsedFallbackTemplate ? $"Sent {send.TemplateName} instead: {send.Error}" : null),
    };

    public static string AuditVerb(AlertDeliveryOutcome outcome) => outcome switch
    {
        AlertDeliveryOutcome.Sent => "sent",
        AlertDeliveryOutcome.Failed => "failed",
        AlertDeliveryOutcome.RetryScheduled => "retry",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
