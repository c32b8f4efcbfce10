namespace CreditRisk.Core.Identity;

/// <summary>A person who signs in: an admin, an analyst or a card customer. Stored through our own ports, not EF Core.</summary>
public sealed record AppUser
{
    public required string Id { get; init; }

    public required string UserName { get; init; }

    public required string NormalizedUserName { get; init; }

    public string? Email { get; init; }

    public string? NormalizedEmail { get; init; }

    public bool EmailConfirmed { get; init; }

    public string? PasswordHash { get; init; }

    public string SecurityStamp { get; init; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>E.164 phone number; customers sign in with it.</summary>
    public string? PhoneNumber { get; init; }

    public bool PhoneNumberConfirmed { get; init; }

    public bool TwoFactorEnabled { get; init; }

    public DateTimeOffset? LockoutEnd { get; init; }

    public bool LockoutEnabled { get; init; } = true;

    public int AccessFailedCount { get; init; }

    /// <summary>Normalised role names.</summary>
    public List<string> Roles { get; init; } = [];

    /// <summary>For customers, the <see cref="Customers.Customer"/> this account belongs to.</summary>
    public string? CustomerId { get; init; }

    public bool IsDisabled { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set once, atomically, when the welcome message is claimed on the first sign-in.</summary>
    public DateTimeOffset? WelcomeSentAt { get; init; }
}
