namespace CreditRisk.Core.Messaging;

/// <summary>
/// A WhatsApp template message kept in the development outbox instead of being sent (no access token configured),
/// so admins can read it, OTP codes included, and the whole flow works offline.
/// </summary>
public sealed record DevelopmentMessage
{
    /// <summary>The fake provider message id handed back to the caller, e.g. <c>wamid.dev.0193…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Recipient in E.164 form.</summary>
    public required string To { get; init; }

    /// <summary>Template name as it would have been sent.</summary>
    public required string TemplateName { get; init; }

    public required string LanguageCode { get; init; }

    /// <summary>Body parameters in template order.</summary>
    public List<string> BodyParameters { get; init; } = [];

    /// <summary>The copy-code button's parameter of an authentication template; null for other templates.</summary>
    public string? ButtonParameter { get; init; }

    /// <summary>What travelled in <c>biz_opaque_callback_data</c> (the alert id for alerts).</summary>
    public string? CallbackData { get; init; }

    /// <summary>True when the configured template was unusable and <c>hello_world</c> stands in for it.</summary>
    public bool UsedFallbackTemplate { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
