namespace CreditRisk.Core.Messaging;

/// <summary>WhatsApp Cloud API error codes CreditRisk acts on.</summary>
public static class GraphErrorCodes
{
    /// <summary>Cloud API throughput reached: back off and retry.</summary>
    public const int ThroughputLimit = 130429;

    /// <summary>Too many messages to this recipient (per business/consumer pair): back off and retry.</summary>
    public const int PairRateLimit = 131056;

    /// <summary>Re-engagement message: more than 24 hours since the customer last wrote. Not retryable.</summary>
    public const int OutsideCustomerServiceWindow = 131047;

    /// <summary>Recipient not in the allowed list of a test number. Not retryable.</summary>
    public const int RecipientNotAllowed = 131030;

    /// <summary>Template parameters do not match the template. Not retryable.</summary>
    public const int TemplateParameterMismatch = 132000;

    /// <summary>Template does not exist or is not approved in that language: fall back to <c>hello_world</c>.</summary>
    public const int TemplateDoesNotExist = 132001;

    /// <summary>Template paused for low quality: fall back to <c>hello_world</c> as for a missing one.</summary>
    public const int TemplatePaused = 132015;

    /// <summary>The access token is expired, revoked or wrong (Graph's OAuthException): the bank's setup, not the message.</summary>
    public const int AccessTokenRefused = 190;

    /// <summary>
    /// Our credentials were refused (the client reports every refused token, HTTP 401 included, as code 190): nothing
    /// is wrong with the message, and it can go out once the token is renewed, so the alert must not be failed for good.
    /// </summary>
    public static bool IsAccessRefused(int? code) => code == AccessTokenRefused;

    /// <summary>Worth retrying after a delay: throttling, per-pair rate limits.</summary>
    public static bool IsRetryable(int code) => code is ThroughputLimit or PairRateLimit;

    /// <summary>The template itself is unusable, so <c>hello_world</c> is sent instead.</summary>
    public static bool CallsForFallback(int code) => code is TemplateDoesNotExist or TemplatePaused;
}
