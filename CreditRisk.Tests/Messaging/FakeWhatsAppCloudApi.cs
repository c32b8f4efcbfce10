using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditRisk.Core.Messaging.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Tests.Messaging;

/// <summary>
/// A stand-in for the WhatsApp Business Cloud API: real HTTP on a free loopback port (Kestrel), so the app's typed
/// client, its resilience handler and its JSON go over the wire as they would to graph.facebook.com. Every request is
/// checked — path with version and phone-number id, bearer token, JSON shape of template messages including the OTP
/// copy-code button — and anything wrong is recorded in <see cref="Problems"/> and answered with a Graph error.
/// It can answer with any error code on demand, serves template statuses, and posts signed status webhooks.
/// </summary>
public sealed class FakeWhatsAppCloudApi : IAsyncDisposable
{
    public const string ApiVersion = "v21.0";
    public const string PhoneNumberId = "109876543210";
    public const string BusinessAccountId = "2233445566";
    public const string AccessToken = "EAAG-test-token";
    public const string AppSecret = "test-app-secret";
    public const string VerifyToken = "test-verify-token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int HttpStatus, int Code)> _nextErrors = new();
    private readonly ConcurrentDictionary<string, int> _templateErrors = new(StringComparer.Ordinal);
    private int _sequence;

    private FakeWhatsAppCloudApi(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:{port}</c>, for <c>WhatsApp:BaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Template messages answered with success, in arrival order.</summary>
    public ConcurrentQueue<AcceptedMessage> Accepted { get; } = new();

    /// <summary>What was wrong with requests (wrong path, token or JSON shape); empty when the client behaved.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>Template statuses served by the message_templates lookup: name → (language, status).</summary>
    public ConcurrentDictionary<string, (string Language, string Status)> TemplateStatuses { get; } = new(StringComparer.Ordinal);

    /// <summary>Called after each accepted message has been answered (e.g. to post status webhooks).</summary>
    public Func<AcceptedMessage, Task>? OnAccepted { get; set; }

    public IEnumerable<RecordedRequest> MessageRequests => Requests.Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal));

    public static async Task<FakeWhatsAppCloudApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeWhatsAppCloudApi(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", fake.SendAsync);
        app.MapGet("/{version}/{accountId}/message_templates", fake.ListTemplates);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.Single();
        return fake;
    }

    /// <summary>Accept messages with a 200 that carries no message id (seen from proxies that rewrite the body).</summary>
    public bool AnswerWithoutMessageId { get; set; }

    /// <summary>Answers the next <paramref name="times"/> message requests with this Graph error.</summary>
    public void FailNext(int code, int times = 1, int httpStatus = 400)
    {
        for (var i = 0; i < times; i++)
        {
            _nextErrors.Enqueue((httpStatus, code));
        }
    }

    /// <summary>Answers every request for this template with this Graph error (e.g. 132001 for a missing template).</summary>
    public void FailTemplate(string templateName, int code) => _templateErrors[templateName] = code;

    /// <summary>Posts a signed status webhook for <paramref name="messageId"/> to the app.</summary>
    public Task<HttpResponseMessage> PostStatusAsync(
        HttpClient app, string messageId, string status, string? callbackData = null, DateTimeOffset? at = null, int? errorCode = null) =>
        PostWebhookAsync(app, Payload(value: new WebhookValue(
            "whatsapp",
            new WebhookMetadata("15550100000", PhoneNumberId),
            [new WebhookStatus(
                messageId,
                status,
                (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "919812345678",
                callbackData,
                errorCode is { } code ? [new WebhookError(code, "Message failed", "Message failed", new WebhookErrorData($"error {code}"))] : null)],
            null)));

    /// <summary>Posts a signed webhook with a customer's text message to the app.</summary>
    public Task<HttpResponseMessage> PostCustomerMessageAsync(HttpClient app, string messageId, string fromE164, string text, string? replyTo = null, DateTimeOffset? at = null) =>
        PostWebhookAsync(app, Payload(value: new WebhookValue(
            "whatsapp",
            new WebhookMetadata("15550100000", PhoneNumberId),
            null,
            [new WebhookMessage(
                fromE164.TrimStart('+'),
                messageId,
                (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "text",
                new WebhookText(text),
                null,
                replyTo is null ? null : new WebhookContext("15550100000", replyTo))])));

    /// <summary>Posts <paramref name="payload"/> signed with <see cref="AppSecret"/> (or with <paramref name="signature"/> as given; null = none).</summary>
    public static async Task<HttpResponseMessage> PostWebhookAsync(HttpClient app, WebhookPayload payload, string? signature = "sign")
    {
        var body = payload.ToUtf8Json();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.HeaderName, signature == "sign" ? WebhookSignature.Compute(body, AppSecret) : signature);
        }

        return await app.SendAsync(request);
    }

    public const string WebhookPath = "/api/whatsapp/webhook";

    public static WebhookPayload Payload(WebhookValue value) =>
        new("whatsapp_business_account", [new WebhookEntry(BusinessAccountId, [new WebhookChange("messages", value)])]);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task SendAsync(HttpContext context, string version, string phoneNumberId)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue(new RecordedRequest("POST", context.Request.Path, authorization, body, DateTimeOffset.UtcNow));

        var problems = new List<string>();
        if (version != ApiVersion)
        {
            problems.Add($"API version '{version}' instead of {ApiVersion}");
        }

        if (phoneNumberId != PhoneNumberId)
        {
            problems.Add($"phone-number id '{phoneNumberId}' instead of {PhoneNumberId}");
        }

        if (authorization != "Bearer " + AccessToken)
        {
            problems.Add($"Authorization '{authorization}' instead of the bearer token");
            await WriteErrorAsync(context, 401, 190, "Invalid OAuth access token.");
            Record(problems);
            return;
        }

        var message = ParseTemplateMessage(body, problems);
        Record(problems);
        if (message is null)
        {
            await WriteErrorAsync(context, 400, 100, "Invalid parameter: " + string.Join("; ", problems));
            return;
        }

        if (_templateErrors.TryGetValue(message.TemplateName, out var templateError))
        {
            await WriteErrorAsync(context, 404, templateError, $"(#{templateError}) Template {message.TemplateName} unavailable");
            return;
        }

        if (_nextErrors.TryDequeue(out var error))
        {
            await WriteErrorAsync(context, error.HttpStatus, error.Code, $"(#{error.Code}) scripted error");
            return;
        }

        var id = $"wamid.fake{Interlocked.Increment(ref _sequence):D6}";
        var accepted = message with { Id = id };
        Accepted.Enqueue(accepted);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            messaging_product = "whatsapp",
            contacts = new[] { new { input = message.To, wa_id = message.To } },
            messages = AnswerWithoutMessageId ? [] : new[] { new { id, message_status = "accepted" } },
        }));

        if (OnAccepted is { } onAccepted)
        {
            // After the response, as Meta sends webhooks independently of the API call.
            _ = Task.Run(async () =>
            {
                await Task.Delay(20);
                await onAccepted(accepted);
            });
        }
    }

    private IResult ListTemplates(HttpContext context, string version, string accountId)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue(new RecordedRequest("GET", context.Request.Path + context.Request.QueryString, authorization, "", DateTimeOffset.UtcNow));
        var problems = new List<string>();
        if (version != ApiVersion)
        {
            problems.Add($"API version '{version}' instead of {ApiVersion}");
        }

        if (accountId != BusinessAccountId)
        {
            problems.Add($"account id '{accountId}' instead of {BusinessAccountId}");
        }

        if (authorization != "Bearer " + AccessToken)
        {
            problems.Add("template lookup without the bearer token");
        }

        Record(problems);
        var name = context.Request.Query["name"].ToString();
        var data = TemplateStatuses
            .Where(t => t.Key.StartsWith(name, StringComparison.Ordinal))
            .Select(t => new { name = t.Key, status = t.Value.Status, language = t.Value.Language, id = "tpl-" + t.Key })
            .ToArray();
        return Results.Json(new { data });
    }

    /// <summary>Checks the template message shape as the Cloud API documents it; null (with problems) when it is not one.</summary>
    private static AcceptedMessage? ParseTemplateMessage(string body, List<string> problems)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            problems.Add("body is not JSON: " + ex.Message);
            return null;
        }

        if (root is not JsonObject json)
        {
            problems.Add("body is not a JSON object");
            return null;
        }

        Expect(json["messaging_product"]?.GetValue<string>() == "whatsapp", "messaging_product must be \"whatsapp\"", problems);
        Expect(json["type"]?.GetValue<string>() == "template", "type must be \"template\"", problems);
        var to = json["to"]?.GetValue<string>() ?? "";
        Expect(to.Length is > 5 and < 16 && to.All(char.IsAsciiDigit), $"to '{to}' must be the number in digits without '+'", problems);
        var template = json["template"] as JsonObject;
        var name = template?["name"]?.GetValue<string>() ?? "";
        var language = (template?["language"] as JsonObject)?["code"]?.GetValue<string>() ?? "";
        Expect(name.Length > 0, "template.name is required", problems);
        Expect(language.Length > 0, "template.language.code is required", problems);

        var body1 = new List<string>();
        string? button = null;
        if (template?["components"] is JsonArray components)
        {
            foreach (var component in components.OfType<JsonObject>())
            {
                var type = component["type"]?.GetValue<string>();
                var parameters = component["parameters"] as JsonArray;
                Expect(parameters is { Count: > 0 }, $"component '{type}' has no parameters", problems);
                var texts = (parameters ?? []).OfType<JsonObject>().Select(p =>
                {
                    Expect(p["type"]?.GetValue<string>() == "text", "parameters must be of type text", problems);
                    var text = p["text"]?.GetValue<string>();
                    Expect(!string.IsNullOrEmpty(text), "a text parameter is empty", problems);
                    return text ?? "";
                }).ToList();
                switch (type)
                {
                    case "body":
                        body1.AddRange(texts);
                        break;
                    case "button":
                        Expect(component["sub_type"]?.GetValue<string>() == "url", "the copy-code button must have sub_type \"url\"", problems);
                        Expect(component["index"]?.GetValue<string>() == "0", "the copy-code button must have index \"0\" (a string)", problems);
                        Expect(texts.Count == 1, "the copy-code button takes exactly one parameter", problems);
                        button = texts.FirstOrDefault();
                        break;
                    default:
                        problems.Add($"unexpected component type '{type}'");
                        break;
                }
            }
        }
        else if (template?["components"] is not null)
        {
            problems.Add("template.components must be an array");
        }

        if (name == "hello_world")
        {
            Expect(language == "en_US", "hello_world exists in en_US only", problems);
            Expect(body1.Count == 0 && button is null, "hello_world takes no parameters", problems);
        }

        if (button is not null)
        {
            Expect(body1.Count == 1 && body1[0] == button, "an authentication template carries the code in the body and on the button", problems);
        }

        var callback = json["biz_opaque_callback_data"]?.GetValue<string>();
        return problems.Count > 0 ? null : new AcceptedMessage("", to, name, language, body1, button, callback);
    }

    private static void Expect(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private void Record(List<string> problems)
    {
        foreach (var problem in problems)
        {
            Problems.Enqueue(problem);
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, int httpStatus, int code, string message)
    {
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            error = new
            {
                message,
                type = "OAuthException",
                code,
                error_data = new { messaging_product = "whatsapp", details = message },
                fbtrace_id = "Afake",
            },
        }));
    }
}

/// <summary>One request as the fake received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Authorization, string Body, DateTimeOffset At);

/// <summary>A template message the fake accepted.</summary>
public sealed record AcceptedMessage(
    string Id,
    string To,
    string TemplateName,
    string LanguageCode,
    IReadOnlyList<string> BodyParameters,
    string? ButtonParameter,
    string? CallbackData);
