using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditRisk.Core.Messaging;

/// <summary>
/// Used while no access token is configured: validates and renders the message exactly as the Cloud API client would,
/// then stores it in the development outbox under a fake provider message id instead of sending it.
/// </summary>
public sealed class DevelopmentOutboxSender(
    IDevelopmentOutbox outbox,
    IOptions<WhatsAppOptions> options,
    TimeProvider time,
    ILogger<DevelopmentOutboxSender> logger) : IWhatsAppSender
{
    /// <summary>Prefix of the fake message ids, so they are never mistaken for WhatsApp's.</summary>
    public const string MessageIdPrefix = "wamid.dev.";

    public async Task<SendResult> SendTemplateAsync(TemplateMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var template = TemplateMessageBuilder.Resolve(options.Value.Templates, message.TemplateKey);
        var now = time.GetUtcNow();
        var stored = new DevelopmentMessage
        {
            Id = MessageIdPrefix + Guid.CreateVersion7(now).ToString("N"),
            To = message.To,
            TemplateName = template.Name,
            LanguageCode = template.LanguageCode,
            BodyParameters = TemplateMessageBuilder.BodyParameters(template, message),
            ButtonParameter = TemplateMessageBuilder.ButtonParameter(template, message),
            CallbackData = message.CallbackData,
            CreatedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
        };

        await outbox.AddAsync(stored, ct).ConfigureAwait(false);
        logger.LogInformation(
            "No WhatsApp access token configured: template {Template} kept in the development outbox as {MessageId}",
            stored.TemplateName, stored.Id);
        return new SendResult(SendOutcome.Sent, stored.Id, stored.TemplateName);
    }
}
