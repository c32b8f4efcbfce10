using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditRisk.Core.Messaging;

/// <summary>JSON shapes of the Cloud API's messages and template endpoints (snake_case on the wire).</summary>
internal static class CloudApiPayloads
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record SendRequest(
        string MessagingProduct,
        string RecipientType,
        string To,
        string Type,
        TemplatePayload Template,
        string? BizOpaqueCallbackData);

    public sealed record TemplatePayload(string Name, LanguagePayload Language, IReadOnlyList<ComponentPayload>? Components);

    public sealed record LanguagePayload(string Code);

    public sealed record ComponentPayload(string Type, IReadOnlyList<ParameterPayload> Parameters, string? SubType = null, string? Index = null);

    public sealed record ParameterPayload(string Type, string Text);

    public sealed record SendResponse(IReadOnlyList<MessageIdPayload>? Messages);

    public sealed record MessageIdPayload(string? Id, string? MessageStatus);

    public sealed record ErrorResponse(ErrorPayload? Error);

    public sealed record ErrorPayload(string? Message, string? Type, int? Code, int? ErrorSubcode, ErrorDataPayload? ErrorData, string? FbtraceId);

    public sealed record ErrorDataPayload(string? MessagingProduct, string? Details);

    public sealed record TemplateListResponse(IReadOnlyList<TemplateInfoPayload>? Data);

    public sealed record TemplateInfoPayload(string? Name, string? Status, string? Language, string? Id);
}
