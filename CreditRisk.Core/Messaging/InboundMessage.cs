namespace CreditRisk.Core.Messaging;

/// <summary>
/// A message a customer sent to the business number (received by webhook). Each one opens WhatsApp's 24-hour
/// customer-service window, and replies are shown in the customer's alert history.
/// </summary>
public sealed record InboundMessage
{
    /// <summary>WhatsApp's message id (<c>wamid…</c>); webhook redeliveries carry the same id.</summary>
    public required string Id { get; init; }

    /// <summary>Sender in E.164 form.</summary>
    public required string From { get; init; }

    /// <summary>The customer whose phone number sent it; null when the number is not a customer's.</summary>
    public string? CustomerId { get; init; }

    /// <summary>When WhatsApp received it (the webhook's timestamp).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>WhatsApp message type: <c>text</c>, <c>button</c>, <c>image</c>…</summary>
    public required string Type { get; init; }

    /// <summary>Text of a text message or the label of a pressed button; null for media.</summary>
    public string? Text { get; init; }

    /// <summary>The message it replies to (<c>context.id</c>), when the customer used "reply".</summary>
    public string? InReplyToMessageId { get; init; }

    /// <summary>The alert it replies to, when <see cref="InReplyToMessageId"/> is an alert's message.</summary>
    public string? AlertId { get; init; }

    public DateTimeOffset StoredAt { get; init; }
}
