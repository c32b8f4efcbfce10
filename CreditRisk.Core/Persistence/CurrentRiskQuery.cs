using CreditRisk.Core.Alerts;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Persistence;

/// <summary>Sort orders of the current-risk grid; <see cref="ScoreDescending"/> is served straight from an index.</summary>
public enum CurrentRiskSort
{
    ScoreDescending = 0,
    ScoreAscending = 1,
    AssessedAtDescending = 2,
    AssessedAtAscending = 3,
    CustomerIdAscending = 4,
    CustomerIdDescending = 5,
}

/// <summary>
/// One page of the current-risk grid. Every filter is optional and they combine with AND.
/// </summary>
public sealed record CurrentRiskQuery
{
    /// <summary>Only this band; null = every band. With a band the band+score index serves filter and default order.</summary>
    public RiskBand? Band { get; init; }

    /// <summary>Lowest score, inclusive (0–1). Default 0.</summary>
    public double MinScore { get; init; }

    /// <summary>Highest score, inclusive (0–1). Default 1.</summary>
    public double MaxScore { get; init; } = 1;

    /// <summary>
    /// Only customers whose current assessment hit this rule (a <see cref="Rules.RuleIds"/> value), which is where their
    /// rule reasons come from; null = any. Reasons themselves carry the customer's figures, so no two read alike.
    /// </summary>
    public string? RuleId { get; init; }

    /// <summary>Only customers with at least one alert now in this status (e.g. Pending, Read); null = any.</summary>
    public AlertStatus? AlertStatus { get; init; }

    public CurrentRiskSort Sort { get; init; } = CurrentRiskSort.ScoreDescending;

    /// <summary>Rows to skip (≥ 0).</summary>
    public int Skip { get; init; }

    /// <summary>Rows to return (1–500). Default 25.</summary>
    public int Take { get; init; } = 25;
}

/// <summary>A page of current risks and how many match the query in total.</summary>
public sealed record CurrentRiskPage(IReadOnlyList<CustomerRisk> Items, long Total);

/// <summary>An assessment that changed a customer's band; <see cref="From"/> is null for a customer's first assessment.</summary>
public sealed record RiskBandChange(string CustomerId, DateTimeOffset At, RiskBand? From, RiskBand To);
