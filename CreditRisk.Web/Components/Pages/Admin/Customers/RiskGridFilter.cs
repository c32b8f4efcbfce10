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

    /// <summary>Customer id prefix, part of the name or of the phone; null or blank = everyone.</summary>
    public string? Search { get; init; }

    /// <summary>The CSV export's address for this filter and the grid's current order (see <c>RiskGridExportEndpoint</c>).</summary>
    public string ExportUrl(string? sortBy, bool descending)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("band", Band?.ToString());
        Add("minScore", MinScore > 0 ? MinScore.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Add("rule", RuleId);
        Add("alert", AlertStatus?.ToString());
        Add("q", string.IsNullOrWhiteSpace(Search) ? null : Search.Trim());
        Add("sort", sortBy);
        Add("desc", descending ? null : "false");
        return "admin/customers/export.csv" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

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
