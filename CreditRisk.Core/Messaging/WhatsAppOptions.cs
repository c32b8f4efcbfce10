using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Messaging;

/// <summary>WhatsApp Business Cloud API settings (section <c>WhatsApp</c>).</summary>
/// <remarks>
/// Without an <see cref="AccessToken"/> nothing is sent: messages go to the development outbox in the database.
/// With one, <see cref="PhoneNumberId"/> is required, and the webhook needs <see cref="AppSecret"/> and
/// <see cref="VerifyToken"/>.
/// </remarks>
public sealed class WhatsAppOptions : IValidatableObject
{
    public const string SectionName = "WhatsApp";

    /// <summary>The template every refused template falls back to; approved on every WhatsApp Business account.</summary>
    public const string FallbackTemplateName = "hello_world";

    /// <summary>Language of <see cref="FallbackTemplateName"/>.</summary>
    public const string FallbackLanguageCode = "en_US";

    /// <summary>Graph API host. Default <c>https://graph.facebook.com</c>; tests point it at a local fake.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>Graph API version in request paths. Default <c>v21.0</c>.</summary>
    [Required]
    [RegularExpression(@"^v\d{1,3}\.\d{1,3}$", ErrorMessage = "The API version looks like v21.0.")]
    public string ApiVersion { get; set; } = "v21.0";

    /// <summary>The business phone number's id (not the number itself); required with an access token.</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>
    /// WhatsApp Business Account id. When set, template statuses are looked up before sending, and a template that
    /// is not APPROVED in its language is replaced by <c>hello_world</c> without trying it. Optional.
    /// </summary>
    public string? BusinessAccountId { get; set; }

    /// <summary>System-user access token (bearer). Empty = development outbox, nothing leaves the machine.</summary>
    public string? AccessToken { get; set; }

    /// <summary>App secret: the key of the webhook's <c>X-Hub-Signature-256</c> HMAC. Without it every webhook POST is refused.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The token the webhook's GET verification handshake must present. Without it verification is refused.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>Retries of a throttled (130429, 131056) or failing (5xx, network) request. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay in milliseconds; each further retry doubles it. Default 1,000.</summary>
    [Range(1, 600_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1_000;

    /// <summary>Randomise retry delays so many senders do not retry in lock step. Default true.</summary>
    public bool RetryJitter { get; set; } = true;

    /// <summary>Time limit of one HTTP attempt in seconds. Default 15.</summary>
    [Range(1, 300)]
    public int AttemptTimeoutSeconds { get; set; } = 15;

    /// <summary>How long a template-status lookup is reused, in minutes. Default 10.</summary>
    [Range(0, 1_440)]
    public int TemplateStatusCacheMinutes { get; set; } = 10;

    /// <summary>Largest webhook body accepted, in bytes. Default 1 MiB.</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The templates sent, by purpose.</summary>
    public WhatsAppTemplates Templates { get; set; } = new();

    /// <summary>True when messages go to the development outbox instead of the Cloud API.</summary>
    public bool UsesDevelopmentOutbox => string.IsNullOrWhiteSpace(AccessToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesDevelopmentOutbox && string.IsNullOrWhiteSpace(PhoneNumberId))
        {
            yield return new ValidationResult(
                "WhatsApp:PhoneNumberId is required when WhatsApp:AccessToken is set.", [nameof(PhoneNumberId)]);
        }

        // Data annotations do not descend into nested objects.
        foreach (var (key, template) in Templates.All())
        {
            var results = new List<ValidationResult>();
            if (template is null)
            {
                yield return new ValidationResult($"WhatsApp:Templates: the {key} template is missing.");
                continue;
            }

            if (!Validator.TryValidateObject(template, new ValidationContext(template), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"WhatsApp:Templates ({key}): {result.ErrorMessage}");
                }
            }
        }
    }
}
