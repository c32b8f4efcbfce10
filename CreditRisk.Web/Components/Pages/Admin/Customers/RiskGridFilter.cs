using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>What the filter bar holds; High only by default (the page is the high-risk list).</summary>
public sealed record RiskGridFilter
{
    public RiskBand? Band { get; init; } = RiskBand.High;

    public double MinScore { get; init; }

    /// <summary>Only customers flagged by this rule (<see cref="Core.Rules.RuleIds"/>); null = any.</summary>
    public string? RuleId { get; init; }

    public AlertStatus? AlertStatus { get; init; }

    /// <summary>The store query for one grid page; <paramref name="sortBy"/> is the grid column's property name.</summary>
    public CurrentRiskQuery ToQuery(string? sortBy, bool descending, int skip, int take) => new()
    {
        Band = Band,
        MinScore = MinScore,
        RuleId = RuleId,
        AlertStatus = AlertStatus,
        Skip = skip,
        Take = take,
        Sort = (sortBy, descending) switch
        {
            ("AssessedAt", true) => CurrentRiskSort.AssessedAtDescending,
            ("AssessedAt", false) => CurrentRiskSort.AssessedAtAscending,
            ("CustomerId", true) => CurrentRiskSort.CustomerIdDescending,
            ("CustomerId", false) => CurrentRiskSort.CustomerIdAscending,
            ("Score", false) => CurrentRiskSort.ScoreAscending,
            _ => CurrentRiskSort.ScoreDescending,
        },
    };
}
