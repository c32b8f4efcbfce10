namespace CreditRisk.Core.Alerts;

/// <summary>An outreach message to a customer. The alert table is the outbox: delivery jobs work from it.</summary>
public sealed record Alert
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>The principal reason shown to the customer.</summary>
    public required string Reason { get; init; }

    public required string TemplateName { get; init; }

    public AlertStatus Status { get; init; }

    public int Attempts { get; init; }

    public string? ProviderMessageId { get; init; }

    /// <summary>User name of the admin who sent it, or <c>pipeline</c> / a job id for automatic alerts.</summary>
    public required string TriggeredBy { get; init; }

    /// <summary>
    /// For automatic alerts, which escalation raised it (customer, prior assessment and band; see
    /// <see cref="Risk.EscalationKeys"/>); unique, so one escalation yields one alert. Null for manual alerts.
    /// </summary>
    public string? EscalationKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? ReadAt { get; init; }

    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>Why it failed or was suppressed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>True when the configured template was refused and <c>hello_world</c> was sent instead.</summary>
    public bool UsedFallbackTemplate { get; init; }

    /// <summary>Earliest time the delivery job may send it (quiet hours); null means now.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>
    /// When the current send attempt was claimed, recorded before calling the provider and cleared with its outcome;
    /// a value on a pending alert means an attempt is in flight or was interrupted with its outcome unknown.
    /// </summary>
    public DateTimeOffset? SendingAt { get; init; }
}
