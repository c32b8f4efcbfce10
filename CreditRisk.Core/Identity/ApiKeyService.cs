using System.Security.Cryptography;
using System.Text;
using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace CreditRisk.Core.Identity;

/// <summary>
/// Creates, verifies, lists and revokes the API keys the bank's systems use on the ingestion API. A key is
/// <c>crk_</c> plus 32 random bytes in base64url; only its SHA-256 hash and a short display prefix are stored,
/// so the key itself is shown once, at creation, and can never be recovered.
/// </summary>
public sealed class ApiKeyService(ICreditRiskStore store, TimeProvider time, ILogger<ApiKeyService> logger)
{
    /// <summary>Every key starts with this, so leaked keys are easy to spot in logs and by secret scanners.</summary>
    public const string KeyPrefix = "crk_";

    /// <summary>Characters of the key kept for display (<c>crk_</c> and the first 8 random characters).</summary>
    public const int DisplayPrefixLength = 12;

    /// <summary>Longest key name, in characters.</summary>
    public const int MaxNameLength = 100;

    private const int SecretBytes = 32;

    // LastUsedAt is informative only; writing it on every request would double the store traffic.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// What is wrong with <paramref name="name"/> as a new key's name, in words for the person who typed it; null when
    /// nothing is. A name still in use by a live key is refused: the name is how people tell keys apart on the API keys
    /// page and in the audit log.
    /// </summary>
    public async Task<string?> NameProblemAsync(string? name, CancellationToken ct = default)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "Give the key a name.";
        }

        if (trimmed.Length > MaxNameLength)
        {
            return $"A key name is at most {MaxNameLength} characters.";
        }

        return (await store.ApiKeys.ListAsync(ct)).Any(k => k.RevokedAt is null && string.Equals(k.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ? $"A key named '{trimmed}' is still in use: revoke it first, or choose another name."
            : null;
    }

    /// <summary>
    /// Creates a key named <paramref name="name"/> for <paramref name="actor"/> (a user name or <c>cli</c>) and audits it.
    /// Throws <see cref="ArgumentException"/> when <see cref="NameProblemAsync"/> finds something wrong with the name.
    /// </summary>
    public async Task<CreatedApiKey> CreateAsync(string name, string actor, CancellationToken ct = default)
    {
        if (await NameProblemAsync(name, ct) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var trimmed = name.Trim();
        var secret = KeyPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));
        var now = time.GetUtcNow();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Name = trimmed,
            KeyHash = Hash(secret),
            Prefix = secret[..DisplayPrefixLength],
            CreatedAt = now,
            CreatedBy = actor,
        };
        await store.ApiKeys.AddAsync(key, ct);
        await store.Audit.AddAsync(NewAudit(now, actor, "apikey.created", key, $"name={key.Name}; prefix={key.Prefix}"), ct);
        logger.LogInformation("API key {KeyId} ({KeyName}, {KeyPrefix}) created by {Actor}", key.Id, key.Name, key.Prefix, actor);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>The active key matching <paramref name="presentedKey"/>; null when it is malformed, unknown or revoked.</summary>
    public async Task<ApiKey?> VerifyAsync(string? presentedKey, CancellationToken ct = default)
    {
        // Cheap shape check first: garbage never reaches the store.
        if (presentedKey is null || !presentedKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || presentedKey.Length > 128)
        {
            return null;
        }

        // Looking up by hash (not comparing secrets) leaves no timing side channel on the secret itself.
        var key = await store.ApiKeys.FindByHashAsync(Hash(presentedKey), ct);
        if (key is null || key.RevokedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt >= TouchInterval)
        {
            await store.ApiKeys.TouchAsync(key.Id, now, ct);
        }

        return key;
    }

    /// <summary>Revokes the key with <paramref name="id"/> and audits it; false when there is no such active key.</summary>
    public async Task<bool> RevokeAsync(string id, string actor, CancellationToken ct = default)
    {
        var existing = (await store.ApiKeys.ListAsync(ct)).FirstOrDefault(k => k.Id == id);
        if (existing is null || existing.RevokedAt is not null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (!await store.ApiKeys.RevokeAsync(id, now, ct))
        {
            return false;
        }

        await store.Audit.AddAsync(NewAudit(now, actor, "apikey.revoked", existing, $"name={existing.Name}; prefix={existing.Prefix}"), ct);
        logger.LogInformation("API key {KeyId} ({KeyName}) revoked by {Actor}", existing.Id, existing.Name, actor);
        return true;
    }

    /// <summary>All keys, newest first, revoked ones included.</summary>
    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default) => store.ApiKeys.ListAsync(ct);

    /// <summary>SHA-256 of the key's UTF-8 bytes, lower-case hex: what <see cref="ApiKey.KeyHash"/> holds.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static AuditEntry NewAudit(DateTimeOffset at, string actor, string action, ApiKey key, string details) => new()
    {
        Id = Guid.CreateVersion7(at).ToString("N"),
        At = at,
        Actor = actor,
        Action = action,
        Target = $"apikey:{key.Id}",
        Details = details,
    };
}

/// <summary>A freshly created key: <see cref="Secret"/> is the full key, to be shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);
