namespace CreditRisk.Core.Messaging;

/// <summary>A template message to send.</summary>
/// <param name="To">Recipient in E.164 form, e.g. <c>+919812345678</c>.</param>
/// <param name="TemplateKey">Which configured template (<see cref="WhatsAppTemplates.HighRiskAlertKey"/>, …), or <c>hello_world</c>.</param>
/// <param name="Values">Values for the template's parameter mapping, by name (<c>name</c>, <c>reason</c>, <c>code</c>…).</param>
/// <param name="CallbackData">Sent as <c>biz_opaque_callback_data</c> and echoed in status webhooks (the alert id).</param>
public sealed record TemplateMessage(
    string To,
    string TemplateKey,
    IReadOnlyDictionary<string, string> Values,
    string? CallbackData = null);
