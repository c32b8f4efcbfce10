using System.Text.Json.Serialization;

namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>
/// One point of a version's alert-budget trade-off on the hold-out (<see cref="ModelVersion.BudgetCurve"/>): the High
/// cut-off a budget implies and what it catches and costs there.
/// </summary>
public sealed record BudgetCurvePoint
{
    /// <summary>The budget: High alerts per 1,000 customer-months.</summary>
    public double Budget { get; init; }

    /// <summary>The High cut-off it implies; null when no cut-off fits (the top scores alone exceed it).</summary>
    public double? HighFrom { get; init; }

    /// <summary>Escalations into High per 1,000 hold-out rows at that cut-off (at most the budget).</summary>
    [JsonPropertyName("alerts_per_1000_per_month")]
    public double AlertsPer1000PerMonth { get; init; }

    /// <summary>Share (0–1) of bad hold-out rows (30+ DPD within the outcome window) scored High.</summary>
    public double BadRowsFlaggedHigh { get; init; }

    /// <summary>Share (0–1) of hold-out customers without a bad row who were High at least once.</summary>
    public double GoodCustomersEverHigh { get; init; }
}
