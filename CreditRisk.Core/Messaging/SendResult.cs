namespace CreditRisk.Core.Messaging;

/// <summary>What happened to a template message.</summary>
/// <param name="Outcome">Sent, failed for good, or failed for now.</param>
/// <param name="ProviderMessageId">WhatsApp's message id (<c>wamid…</c>) when sent; a fake one from the development outbox.</param>
/// <param name="TemplateName">The template actually sent (<c>hello_world</c> after a fallback).</param>
/// <param name="UsedFallbackTemplate">True when the configured template was refused and <c>hello_world</c> was sent instead.</param>
/// <param name="ErrorCode">Graph API error code (or HTTP status) of the failure, or of the refusal that caused a fallback.</param>
/// <param name="Error">Readable reason of the failure or fallback.</param>
public sealed record SendResult(
    SendOutcome Outcome,
    string? ProviderMessageId,
    string TemplateName,
    bool UsedFallbackTemplate = false,
    int? ErrorCode = null,
    string? Error = null)
{
    public bool IsSent => Outcome == SendOutcome.Sent;
}
