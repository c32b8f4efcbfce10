namespace CreditRisk.Core.Customers;

/// <summary>A card holder as the bank knows them.</summary>
public sealed record Customer
{
    /// <summary>The bank's customer id (1–64 characters, letters, digits, '-', '_', '.').</summary>
    public required string Id { get; init; }

    public required string FullName { get; init; }

    /// <summary>Mobile number in E.164 form, e.g. +919812345678.</summary>
    public required string Phone { get; init; }

    public bool WhatsAppOptIn { get; init; }

    /// <summary>When the opt-in was recorded (UTC); null when the customer has not opted in.</summary>
    public DateTimeOffset? WhatsAppOptInAt { get; init; }

    /// <summary>
    /// When the customer withdrew consent by replying "STOP" on WhatsApp (UTC); null when they never did or have since
    /// replied "START". While set, only the customer's own "START" opts them in again: the bank's customer file keeps
    /// sending the consent it recorded at onboarding, and that must not override the customer's own withdrawal.
    /// </summary>
    public DateTimeOffset? WhatsAppOptedOutAt { get; init; }

    /// <summary>
    /// When the customer wrote their latest "STOP" or "START" on WhatsApp (the message's own time, UTC), whether or not
    /// it changed their consent; null when they never did. WhatsApp does not deliver messages in order, so a reply
    /// written before this one arrives late and is not applied.
    /// </summary>
    public DateTimeOffset? WhatsAppConsentReplyAt { get; init; }

    /// <summary>Credit limit in the account currency.</summary>
    public required decimal CreditLimit { get; init; }

    public required DateOnly OpenedOn { get; init; }

    /// <summary>
    /// IANA time zone the customer lives in (e.g. <c>Asia/Kolkata</c>), for quiet hours; null means the configured
    /// default (<c>Alerts:TimeZone</c>). Checked by <see cref="CustomerTimeZone.IsIanaId"/> on the way in.
    /// </summary>
    public string? TimeZone { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
