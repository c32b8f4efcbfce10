namespace CreditRisk.Core.Identity;

/// <summary>A key the bank's systems use on the ingestion API. Only a hash of the secret is stored.</summary>
public sealed record ApiKey
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>SHA-256 of the full key, lower-case hex.</summary>
    public required string KeyHash { get; init; }

    /// <summary>The first characters of the key, shown in lists so people can tell keys apart.</summary>
    public required string Prefix { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }
}
