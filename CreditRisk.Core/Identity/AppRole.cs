namespace CreditRisk.Core.Identity;

public sealed record AppRole
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string NormalizedName { get; init; }

    public string ConcurrencyStamp { get; init; } = Guid.NewGuid().ToString("N");
}
