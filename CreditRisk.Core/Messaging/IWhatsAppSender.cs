namespace CreditRisk.Core.Messaging;

/// <summary>Sends WhatsApp template messages: through the Cloud API, or into the development outbox when no access token is configured.</summary>
public interface IWhatsAppSender
{
    /// <summary>
    /// Sends <paramref name="message"/>. Throttling and server errors are retried with back-off before this returns;
    /// refusals come back as <see cref="SendOutcome.Failed"/> and never throw. Throws only on cancellation or on a
    /// message this sender cannot build (unknown template key, missing value).
    /// </summary>
    Task<SendResult> SendTemplateAsync(TemplateMessage message, CancellationToken ct = default);
}
