using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace CreditRisk.Core.Alerts;

/// <summary>Outreach policy for WhatsApp alerts (section <c>Alerts</c>).</summary>
public sealed class AlertDeliveryOptions : IValidatableObject
{
    public const string SectionName = "Alerts";

    /// <summary>
    /// Days after an alert was sent during which automatic alerts to the same customer are suppressed. Default 7.
    /// Manual sends by an admin ignore it.
    /// </summary>
    [Range(0, 365)]
    public double CooldownDays { get; set; } = 7;

    /// <summary>
    /// Hours after a message to a customer (automatic or manual) during which an admin's manual send asks for
    /// confirmation naming that message and its status; the override is audited. Default 24. 0 = never ask.
    /// </summary>
    [Range(0, 24 * 365)]
    public double RepeatSendConfirmHours { get; set; } = 24;

    /// <summary>
    /// Default time zone (IANA, e.g. <c>Asia/Kolkata</c>; Windows ids are accepted too) of quiet hours for customers
    /// whose record has none, and of the daily cap's day. Default <c>UTC</c>.
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Local time quiet hours start, <c>HH:mm</c>. Default 21:00. Equal start and end = no quiet hours.</summary>
    [Required]
    public string QuietHoursStart { get; set; } = "21:00";

    /// <summary>Local time quiet hours end (the next allowed send time), <c>HH:mm</c>. Default 09:00.</summary>
    [Required]
    public string QuietHoursEnd { get; set; } = "09:00";

    /// <summary>Automatic alerts sent per local day at most; the rest wait for the next day. Default 1,000. 0 = no cap.</summary>
    [Range(0, 10_000_000)]
    public int DailyCap { get; set; } = 1_000;

    /// <summary>Send attempts before an alert that keeps failing transiently is marked failed. Default 5.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait in seconds before the second attempt after a transient failure; doubles per attempt. Default 300.</summary>
    [Range(1, 86_400)]
    public int RetryDelaySeconds { get; set; } = 300;

    /// <summary>
    /// Seconds an attempt may stay claimed before it counts as interrupted (the process died between claiming and
    /// recording the outcome) and may be sent again. Default 600. Status webhooks arriving meanwhile settle the alert
    /// without a second send.
    /// </summary>
    [Range(30, 86_400)]
    public int InFlightGraceSeconds { get; set; } = 600;

    /// <summary>Bank helpline shown in the high-risk template. Default a placeholder.</summary>
    [Required]
    public string Helpline { get; set; } = "1800-000-0000";

    /// <summary>Template key of manual alerts sent by an admin. Default <c>high_risk_alert</c>.</summary>
    [Required]
    public string ManualTemplateKey { get; set; } = "high_risk_alert";

    /// <summary>Pending alerts the outbox sweep hands over per run at most, and reads per page, oldest first. Default 1,000.</summary>
    [Range(1, 100_000)]
    public int SweepBatchSize { get; set; } = 1_000;

    /// <summary>
    /// Minutes an alert handed to the job queue is left alone by the sweep before being handed over again (in case the
    /// job was lost, e.g. with the in-memory job store on restart). Default 5.
    /// </summary>
    [Range(1, 1_440)]
    public int RequeueAfterMinutes { get; set; } = 5;

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public TimeOnly QuietStart => TimeOnly.ParseExact(QuietHoursStart, "HH:mm", CultureInfo.InvariantCulture);

    public TimeOnly QuietEnd => TimeOnly.ParseExact(QuietHoursEnd, "HH:mm", CultureInfo.InvariantCulture);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _))
        {
            yield return new ValidationResult($"Alerts:TimeZone '{TimeZone}' is not a known time zone id (e.g. UTC, Asia/Kolkata).", [nameof(TimeZone)]);
        }

        foreach (var (name, value) in new[] { (nameof(QuietHoursStart), QuietHoursStart), (nameof(QuietHoursEnd), QuietHoursEnd) })
        {
            if (!TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return new ValidationResult($"Alerts:{name} '{value}' is not a time of day as HH:mm.", [name]);
            }
        }
    }
}
