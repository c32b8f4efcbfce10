using System.Security.Cryptography;
using System.Text;

namespace CreditRisk.Core.Messaging.Webhooks;

/// <summary>Checks the <c>X-Hub-Signature-256</c> header Meta puts on every webhook POST.</summary>
public static class WebhookSignature
{
    /// <summary>Name of the header.</summary>
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    /// <summary>
    /// True when <paramref name="header"/> is <c>sha256=</c> followed by the hex HMAC-SHA256 of exactly these raw body
    /// bytes under <paramref name="appSecret"/>. Compared in constant time; false for a missing header or secret.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string? appSecret)
    {
        if (string.IsNullOrEmpty(appSecret) || header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hex = header.AsSpan(Prefix.Length).Trim();
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2 || Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != presented.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    /// <summary>The header value for <paramref name="body"/> (for senders and tests).</summary>
    public static string Compute(ReadOnlySpan<byte> body, string appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));
}
