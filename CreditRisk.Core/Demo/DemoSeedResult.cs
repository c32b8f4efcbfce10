using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Demo;

/// <summary>What a demo seed produced.</summary>
public sealed record DemoSeedResult
{
    public required int Customers { get; init; }

    public required int Transactions { get; init; }

    public required int Statements { get; init; }

    /// <summary>The champion everyone was scored with; null when none could be trained (rules alone).</summary>
    public required string? ModelVersion { get; init; }

    /// <summary>Customers per current band.</summary>
    public required IReadOnlyDictionary<RiskBand, int> Bands { get; init; }

    public required long PendingAlerts { get; init; }

    /// <summary>When everyone was scored: the last millisecond of the simulated period.</summary>
    public required DateTimeOffset AssessedAt { get; init; }

    /// <summary>Time spent writing customers, transactions and statements (training and scoring overlap it).</summary>
    public required double StoreSeconds { get; init; }

    public required double TotalSeconds { get; init; }
}
