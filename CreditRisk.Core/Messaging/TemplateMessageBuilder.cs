using static CreditRisk.Core.Messaging.CloudApiPayloads;

namespace CreditRisk.Core.Messaging;

/// <summary>Turns a <see cref="TemplateMessage"/> and the configured template into the Cloud API's request body.</summary>
internal static class TemplateMessageBuilder
{
    /// <summary>The template to send for <paramref name="key"/>; <c>hello_world</c> is always available.</summary>
    public static WhatsAppTemplateOptions Resolve(WhatsAppTemplates templates, string key)
    {
        if (string.Equals(key, WhatsAppOptions.FallbackTemplateName, StringComparison.Ordinal))
        {
            return Fallback;
        }

        return templates.Find(key) ?? throw new ArgumentException(
            $"No WhatsApp template is configured for '{key}'; expected one of {WhatsAppTemplates.OtpKey}, "
            + $"{WhatsAppTemplates.WelcomeKey}, {WhatsAppTemplates.HighRiskAlertKey} or {WhatsAppOptions.FallbackTemplateName}.",
            nameof(key));
    }

    public static WhatsAppTemplateOptions Fallback { get; } = new()
    {
        Name = WhatsAppOptions.FallbackTemplateName,
        LanguageCode = WhatsAppOptions.FallbackLanguageCode,
    };

    public static bool IsFallback(WhatsAppTemplateOptions template) =>
        string.Equals(template.Name, WhatsAppOptions.FallbackTemplateName, StringComparison.Ordinal);

    /// <summary>Body parameters in placeholder order; throws when the message lacks a mapped value.</summary>
    public static List<string> BodyParameters(WhatsAppTemplateOptions template, TemplateMessage message) =>
        [.. template.BodyParameterNames.Select(name => Value(template, message, name))];

    /// <summary>The copy-code button's parameter, or null for a template without one.</summary>
    public static string? ButtonParameter(WhatsAppTemplateOptions template, TemplateMessage message) =>
        string.IsNullOrWhiteSpace(template.CopyCodeButtonParameter) ? null : Value(template, message, template.CopyCodeButtonParameter.Trim());

    public static SendRequest Build(WhatsAppTemplateOptions template, TemplateMessage message)
    {
        var components = new List<ComponentPayload>();
        var body = BodyParameters(template, message);
        if (body.Count > 0)
        {
            components.Add(new ComponentPayload("body", [.. body.Select(text => new ParameterPayload("text", text))]));
        }

        // Authentication templates repeat the code on their copy-code button, which the API models as a URL button.
        if (ButtonParameter(template, message) is { } code)
        {
            components.Add(new ComponentPayload("button", [new ParameterPayload("text", code)], SubType: "url", Index: "0"));
        }

        return new SendRequest(
            MessagingProduct: "whatsapp",
            RecipientType: "individual",
            To: WireNumber(message.To),
            Type: "template",
            Template: new TemplatePayload(template.Name, new LanguagePayload(template.LanguageCode), components.Count > 0 ? components : null),
            BizOpaqueCallbackData: message.CallbackData);
    }

    /// <summary>The API takes the number without the leading '+'.</summary>
    public static string WireNumber(string e164) => e164.StartsWith('+') ? e164[1..] : e164;

    private static string Value(WhatsAppTemplateOptions template, TemplateMessage message, string name) =>
        message.Values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"The WhatsApp template '{template.Name}' needs a value for '{name}', which the message lacks.", nameof(message));
}
