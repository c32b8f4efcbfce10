namespace CreditRisk.Core.Audit;

/// <summary>Which audit entries a paged list shows; every criterion is optional.</summary>
public sealed record AuditQuery
{
    /// <summary>Only entries by exactly this actor (case-sensitive); null = anyone.</summary>
    public string? Actor { get; init; }

    /// <summary>Only entries whose action starts with this (case-sensitive); null = any action.</summary>
    public string? ActionPrefix { get; init; }
}
