namespace CreditRisk.Core.Audit;

/// <summary>Who did what, when, to what; old and new values for changes.</summary>
public sealed record AuditEntry
{
    public required string Id { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>User name, <c>api:{keyName}</c>, <c>cli</c> or a job id.</summary>
    public required string Actor { get; init; }

    /// <summary>Dotted action name, e.g. <c>rules.threshold.changed</c>, <c>auth.signin.failed</c>.</summary>
    public required string Action { get; init; }

    public string? Target { get; init; }

    public string? OldValue { get; init; }

    public string? NewValue { get; init; }

    public string? Details { get; init; }
}
