using CreditRisk.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace CreditRisk.Tests.Identity;

/// <summary>Identity's own hasher, counting password checks: equal work per answer is what keeps timings alike.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _checks);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
