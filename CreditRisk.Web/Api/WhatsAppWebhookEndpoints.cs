using System.Security.Cryptography;
using System.Text;
using CreditRisk.Core.Messaging;
using CreditRisk.Core.Messaging.Webhooks;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Api;

/// <summary>
/// <c>/api/whatsapp/webhook</c>: Meta's verification handshake (GET) and signed event deliveries (POST). Anonymous by
/// design — Meta authenticates with the verify token and the <c>X-Hub-Signature-256</c> HMAC instead.
/// </summary>
public static class WhatsAppWebhookEndpoints
{
    public const string Path = "/api/whatsapp/webhook";

    public static IEndpointRouteBuilder MapWhatsAppWebhook(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Verify).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>Echoes <c>hub.challenge</c> as text when the mode is subscribe and the verify token matches; 403 otherwise.</summary>
    private static IResult Verify(HttpRequest request, IOptions<WhatsAppOptions> options)
    {
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        var expected = options.Value.VerifyToken;
        var tokenMatches = !string.IsNullOrEmpty(expected)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(expected));
        return mode == "subscribe" && tokenMatches && challenge.Length > 0
            ? Results.Text(challenge, "text/plain", Encoding.UTF8)
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// Verifies the signature over the raw body bytes before reading anything from it: a missing or wrong signature is
    /// 401 and changes nothing. Valid deliveries are applied and acknowledged with 200, unknown message ids included
    /// (Meta redelivers anything not acknowledged).
    /// </summary>
    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, IOptions<WhatsAppOptions> options, WhatsAppWebhookProcessor processor, ILoggerFactory loggers, CancellationToken ct)
    {
        var settings = options.Value;
        var body = await ReadBodyAsync(request, settings.MaxWebhookBodyBytes, ct);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!WebhookSignature.IsValid(body, request.Headers[WebhookSignature.HeaderName], settings.AppSecret))
        {
            loggers.CreateLogger(typeof(WhatsAppWebhookEndpoints)).LogWarning(
                "WhatsApp webhook refused: {Problem}",
                string.IsNullOrEmpty(settings.AppSecret) ? "no WhatsApp:AppSecret configured"
                : request.Headers.ContainsKey(WebhookSignature.HeaderName) ? "signature does not match" : "no signature");
            return Results.Unauthorized();
        }

        if (WebhookPayload.Parse(body) is not { } payload)
        {
            return Results.BadRequest();
        }

        await processor.ProcessAsync(payload, ct);
        return Results.Ok();
    }

    /// <summary>The raw bytes exactly as sent (the signature covers them, not any re-serialisation); null when too large.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
