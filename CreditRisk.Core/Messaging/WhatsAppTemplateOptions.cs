using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Messaging;

/// <summary>One approved WhatsApp template and how to fill it.</summary>
public sealed class WhatsAppTemplateOptions
{
    /// <summary>Template name as approved in WhatsApp Manager (lower case, digits and '_').</summary>
    [Required]
    [RegularExpression("^[a-z0-9_]{1,512}$", ErrorMessage = "A template name holds lower-case letters, digits and '_' only.")]
    public string Name { get; set; } = "";

    /// <summary>Language code the template was approved in, e.g. <c>en_US</c> or <c>en</c>.</summary>
    [Required]
    [RegularExpression("^[a-z]{2,3}(_[A-Za-z]{2,4})?$", ErrorMessage = "A language code looks like en or en_US.")]
    public string LanguageCode { get; set; } = "en_US";

    /// <summary>
    /// The value behind each body placeholder, in order ({{1}}, {{2}}, …), comma-separated: names of values the sender
    /// supplies (alerts: <c>name</c>, <c>first_name</c>, <c>reason</c>, <c>helpline</c>, <c>customer_id</c>; OTP:
    /// <c>code</c>). Empty for a template without placeholders. A string rather than a list because configuration
    /// binding appends to a list's defaults instead of replacing them.
    /// </summary>
    [RegularExpression(@"^\s*([a-z_]+\s*(,\s*[a-z_]+\s*)*)?$", ErrorMessage = "Body parameters are comma-separated value names such as name,reason,helpline.")]
    public string BodyParameters { get; set; } = "";

    /// <summary>The value names of <see cref="BodyParameters"/>, in order.</summary>
    public IReadOnlyList<string> BodyParameterNames =>
        BodyParameters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// For authentication templates with a copy-code button: the value repeated as the button's parameter
    /// (<c>code</c>); null for templates without one.
    /// </summary>
    public string? CopyCodeButtonParameter { get; set; }
}

/// <summary>The templates CreditRisk sends, by purpose.</summary>
public sealed class WhatsAppTemplates
{
    /// <summary>Key of the one-time sign-up code template.</summary>
    public const string OtpKey = "otp";

    /// <summary>Key of the welcome message template.</summary>
    public const string WelcomeKey = "welcome";

    /// <summary>Key of the high-risk outreach template (the pipeline's default alert template).</summary>
    public const string HighRiskAlertKey = "high_risk_alert";

    /// <summary>Authentication template carrying the sign-up code in the body and on its copy-code button.</summary>
    public WhatsAppTemplateOptions Otp { get; set; } = new()
    {
        Name = "creditrisk_otp",
        LanguageCode = "en_US",
        BodyParameters = "code",
        CopyCodeButtonParameter = "code",
    };

    /// <summary>Sent once an account is created; default body parameter: the customer's name.</summary>
    public WhatsAppTemplateOptions Welcome { get; set; } = new()
    {
        Name = "creditrisk_welcome",
        LanguageCode = "en_US",
        BodyParameters = "name",
    };

    /// <summary>Sent when a customer's risk turns High; default body parameters: name, principal reason, helpline.</summary>
    public WhatsAppTemplateOptions HighRiskAlert { get; set; } = new()
    {
        Name = "high_risk_alert",
        LanguageCode = "en_US",
        BodyParameters = "name,reason,helpline",
    };

    /// <summary>The template configured under <paramref name="key"/> (<see cref="OtpKey"/>, …); null for an unknown key.</summary>
    public WhatsAppTemplateOptions? Find(string key) => key switch
    {
        OtpKey => Otp,
        WelcomeKey => Welcome,
        HighRiskAlertKey => HighRiskAlert,
        _ => null,
    };

    internal IEnumerable<(string Key, WhatsAppTemplateOptions Template)> All() =>
        [(OtpKey, Otp), (WelcomeKey, Welcome), (HighRiskAlertKey, HighRiskAlert)];
}
