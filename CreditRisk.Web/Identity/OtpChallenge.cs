using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Web.Identity;

/// <summary>
/// The one pending sign-in code of a customer account: only a salted SHA-256 of the code is kept, with its expiry, the
/// number of tries so far and whether it was used. Stored through the settings port under <c>identity.otp.{userId}</c>
/// because its versioned save is the compare-and-set that makes "counted try" and "single use" atomic on both stores.
/// </summary>
internal sealed record OtpChallenge(string Salt, string Hash, DateTimeOffset ExpiresAt, int Attempts, bool Used)
{
    public static string KeyFor(string userId) => "identity.otp." + userId;

    public static OtpChallenge Create(string code, DateTimeOffset expiresAt)
    {
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return new OtpChallenge(salt, HashOf(salt, code), expiresAt, 0, false);
    }

    public bool Matches(string code) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(Hash), Convert.FromBase64String(HashOf(Salt, code)));

    public string ToJson() => JsonSerializer.Serialize(this);

    public static OtpChallenge? From(StoredSetting? setting) =>
        setting is null ? null : JsonSerializer.Deserialize<OtpChallenge>(setting.Json);

    private static string HashOf(string salt, string code) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + code)));
}
