using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CreditRisk.Core.Messaging.CloudApiPayloads;

namespace CreditRisk.Core.Messaging;

/// <summary>
/// The WhatsApp Business Cloud API over a typed <see cref="HttpClient"/>. Throttling (130429, 131056), 5xx and network
/// errors are retried with exponential back-off by the client's resilience handler (see
/// <see cref="MessagingServiceRegistration"/>); a missing, unapproved or paused template is replaced by
/// <c>hello_world</c>, except an authentication template (its code would be lost); a refused access token is a
/// transient failure (the message can go once the token is renewed); every other refusal is a permanent failure
/// carrying the Graph error.
/// </summary>
public sealed class WhatsAppCloudClient(
    HttpClient http,
    TemplateStatusCache templateStatuses,
    IOptions<WhatsAppOptions> options,
    ILogger<WhatsAppCloudClient> logger) : IWhatsAppSender
{
    private const string Approved = "APPROVED";

    public async Task<SendResult> SendTemplateAsync(TemplateMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var template = TemplateMessageBuilder.Resolve(settings.Templates, message.TemplateKey);
        var request = TemplateMessageBuilder.Build(template, message);

        if (!TemplateMessageBuilder.IsFallback(template) && await LookUpStatusAsync(template, ct).ConfigureAwait(false) is { } refusal)
        {
            return MayFallBack(template)
                ? await SendFallbackAsync(message, template, errorCode: null, refusal, ct).ConfigureAwait(false)
                : Unusable(template, refusal);
        }

        var result = await PostAsync(template.Name, request, ct).ConfigureAwait(false);
        if (result.Outcome != SendOutcome.Sent && result.ErrorCode is { } code
            && GraphErrorCodes.CallsForFallback(code) && MayFallBack(template))
        {
            return await SendFallbackAsync(message, template, code, result.Error, ct).ConfigureAwait(false);
        }

        return result;
    }

    // hello_world carries no parameters: standing in for an authentication template, it would tell the customer a code
    // was sent that they never get, and read as sent.
    private static bool MayFallBack(WhatsAppTemplateOptions template) =>
        !TemplateMessageBuilder.IsFallback(template) && template.CopyCodeButtonParameter is null;

    private SendResult Unusable(WhatsAppTemplateOptions template, string reason)
    {
        logger.LogError("WhatsApp template {Template} ({Language}) is unusable ({Reason}) and has no stand-in", template.Name, template.LanguageCode, reason);
        return new SendResult(SendOutcome.Failed, null, template.Name, Error: $"{template.Name}: {reason}");
    }

    private async Task<SendResult> SendFallbackAsync(
        TemplateMessage message, WhatsAppTemplateOptions refused, int? errorCode, string? reason, CancellationToken ct)
    {
        logger.LogWarning(
            "WhatsApp template {Template} ({Language}) is unusable ({Reason}); sending {Fallback} instead",
            refused.Name, refused.LanguageCode, reason, WhatsAppOptions.FallbackTemplateName);
        var fallback = TemplateMessageBuilder.Build(TemplateMessageBuilder.Fallback, message);
        var result = await PostAsync(WhatsAppOptions.FallbackTemplateName, fallback, ct).ConfigureAwait(false);
        return result.IsSent
            ? result with { UsedFallbackTemplate = true, ErrorCode = errorCode, Error = $"{refused.Name}: {reason}" }
            : result with { UsedFallbackTemplate = true };
    }

    private async Task<SendResult> PostAsync(string templateName, SendRequest body, CancellationToken ct)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.ApiVersion}/{settings.PhoneNumberId}/messages")
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.ExecutionRejectedException
            || (ex is OperationCanceledException or TimeoutException && !ct.IsCancellationRequested))
        {
            // The retries are spent: the network or the API stayed unavailable (or a timeout left the outcome unknown).
            logger.LogWarning(ex, "WhatsApp send of {Template} failed after retries", templateName);
            return new SendResult(SendOutcome.TransientFailure, null, templateName, Error: $"Network error: {ex.Message}");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var sent = await ReadAsync<SendResponse>(response, ct).ConfigureAwait(false);
                var id = sent?.Messages?.FirstOrDefault()?.Id;
                if (string.IsNullOrEmpty(id))
                {
                    // Accepted is sent: retrying would send it twice. The status webhooks still find the alert by the id
                    // it carries in biz_opaque_callback_data.
                    logger.LogWarning("WhatsApp accepted template {Template} but returned no message id", templateName);
                    return new SendResult(SendOutcome.Sent, null, templateName);
                }

                logger.LogInformation("WhatsApp template {Template} accepted as {MessageId}", templateName, id);
                return new SendResult(SendOutcome.Sent, id, templateName);
            }

            var error = (await ReadAsync<ErrorResponse>(response, ct).ConfigureAwait(false))?.Error;
            var code = error?.Code ?? (int)response.StatusCode;
            var reason = Describe(code, error, response.StatusCode);
            if (GraphErrorCodes.IsAccessRefused(code) || response.StatusCode == HttpStatusCode.Unauthorized)
            {
                logger.LogError("WhatsApp refused the access token ({Reason}): renew WhatsApp:AccessToken; messages wait meanwhile", reason);
                return new SendResult(SendOutcome.TransientFailure, null, templateName, ErrorCode: GraphErrorCodes.AccessTokenRefused, Error: reason);
            }

            var transient = GraphErrorCodes.IsRetryable(code)
                || (int)response.StatusCode >= 500
                || response.StatusCode == HttpStatusCode.TooManyRequests;
            logger.LogWarning("WhatsApp refused template {Template}: {Reason}", templateName, reason);
            return new SendResult(transient ? SendOutcome.TransientFailure : SendOutcome.Failed, null, templateName, ErrorCode: code, Error: reason);
        }
    }

    /// <summary>
    /// Null when the template may be sent (approved, or the status is unknown because no account id is configured or
    /// the lookup failed); otherwise why it may not.
    /// </summary>
    private async Task<string?> LookUpStatusAsync(WhatsAppTemplateOptions template, CancellationToken ct)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.BusinessAccountId))
        {
            return null;
        }

        if (!templateStatuses.TryGet(template.Name, template.LanguageCode, out var status))
        {
            try
            {
                status = await FetchStatusAsync(template, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // Sending decides: a missing template still comes back as 132001 and falls back then.
                logger.LogWarning(ex, "Could not look up the status of WhatsApp template {Template}; sending it anyway", template.Name);
                return null;
            }

            templateStatuses.Set(template.Name, template.LanguageCode, status, TimeSpan.FromMinutes(settings.TemplateStatusCacheMinutes));
        }

        return string.Equals(status, Approved, StringComparison.OrdinalIgnoreCase) ? null
            : status is null ? $"template not found in language {template.LanguageCode}"
            : $"template status is {status} in language {template.LanguageCode}";
    }

    private async Task<string?> FetchStatusAsync(WhatsAppTemplateOptions template, CancellationToken ct)
    {
        var settings = options.Value;
        var path = $"{settings.ApiVersion}/{settings.BusinessAccountId}/message_templates"
            + $"?name={Uri.EscapeDataString(template.Name)}&fields=name,status,language&limit=100";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var list = await ReadAsync<TemplateListResponse>(response, ct).ConfigureAwait(false);

        // The name filter matches prefixes too, so match exactly.
        return list?.Data?
            .FirstOrDefault(t => string.Equals(t.Name, template.Name, StringComparison.Ordinal)
                && string.Equals(t.Language, template.LanguageCode, StringComparison.OrdinalIgnoreCase))?
            .Status;
    }

    private static string Describe(int code, ErrorPayload? error, HttpStatusCode status)
    {
        var text = error?.ErrorData?.Details ?? error?.Message ?? $"HTTP {(int)status} {status}";
        return $"{code}: {text}";
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
        where T : class
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize<T>(bytes, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
