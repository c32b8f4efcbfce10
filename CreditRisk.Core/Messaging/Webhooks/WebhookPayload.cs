using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditRisk.Core.Messaging.Webhooks;

/// <summary>The parts of a WhatsApp Business Account webhook CreditRisk reads (snake_case on the wire).</summary>
public sealed record WebhookPayload(string? Object, IReadOnlyList<WebhookEntry>? Entry)
{
    /// <summary>Reads a webhook body; null when it is not JSON of this shape.</summary>
    public static WebhookPayload? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<WebhookPayload>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Serialises a payload as Meta does (for the fake API in tests and for replays).</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record WebhookEntry(string? Id, IReadOnlyList<WebhookChange>? Changes);

public sealed record WebhookChange(string? Field, WebhookValue? Value);

public sealed record WebhookValue(
    string? MessagingProduct,
    WebhookMetadata? Metadata,
    IReadOnlyList<WebhookStatus>? Statuses,
    IReadOnlyList<WebhookMessage>? Messages);

public sealed record WebhookMetadata(string? DisplayPhoneNumber, string? PhoneNumberId);

/// <summary>A delivery status: <c>sent</c>, <c>delivered</c>, <c>read</c> or <c>failed</c>; timestamp in Unix seconds.</summary>
public sealed record WebhookStatus(
    string? Id,
    string? Status,
    string? Timestamp,
    string? RecipientId,
    string? BizOpaqueCallbackData,
    IReadOnlyList<WebhookError>? Errors);

public sealed record WebhookError(int? Code, string? Title, string? Message, WebhookErrorData? ErrorData);

public sealed record WebhookErrorData(string? Details);

/// <summary>A customer's message; <c>from</c> is the number without '+'.</summary>
public sealed record WebhookMessage(
    string? From,
    string? Id,
    string? Timestamp,
    string? Type,
    WebhookText? Text,
    WebhookButton? Button,
    WebhookContext? Context);

public sealed record WebhookText(string? Body);

public sealed record WebhookButton(string? Text, string? Payload);

public sealed record WebhookContext(string? From, string? Id);
