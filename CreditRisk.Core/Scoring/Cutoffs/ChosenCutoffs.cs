using System.Text.Json.Serialization;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring.Cutoffs;

/// <summary>What the stored cut-offs of a version rest on.</summary>
public enum CutoffBasis
{
    /// <summary>Chosen on the hold-out from the alert budget.</summary>
    Budget,

    /// <summary>The hold-out could not carry the budget (too small, degenerate scores): the legacy 0.10 / 0.30.</summary>
    LegacyDefaults,
}

/// <summary>
/// The band cut-offs <c>train</c> chose for a version, stored with it (<see cref="ModelVersion.Cutoffs"/>) so the
/// champion brings them, with the budget they came from and what they gave on the hold-out. Probabilities are the
/// ensemble's (0–1); rates are per 1,000 hold-out customer-months; shares are of hold-out rows.
/// </summary>
public sealed record ChosenCutoffs
{
    public double MediumFrom { get; init; }

    public double HighFrom { get; init; }

    public CutoffBasis Basis { get; init; }

    /// <summary>The budget asked for: High alerts per 1,000 customer-months.</summary>
    [JsonPropertyName("high_alerts_per_1000_per_month")]
    public double HighAlertsPer1000PerMonth { get; init; }

    /// <summary>The budget asked for: share of customer-months at Medium or higher.</summary>
    public double WatchListShare { get; init; }

    /// <summary>Escalations into High per 1,000 hold-out rows at <see cref="HighFrom"/>.</summary>
    [JsonPropertyName("holdout_high_alerts_per_1000_per_month")]
    public double HoldoutHighAlertsPer1000PerMonth { get; init; }

    /// <summary>Share of hold-out rows at Medium or higher.</summary>
    public double HoldoutWatchListShare { get; init; }

    /// <summary>Share of hold-out rows at High.</summary>
    public double HoldoutHighShare { get; init; }

    public int HoldoutRows { get; init; }

    public int HoldoutCustomers { get; init; }

    /// <summary>Why the budget was not used, or what limits the reading (e.g. one row per customer); null when nothing to say.</summary>
    public string? Note { get; init; }

    public BandCutoffs ToBandCutoffs() => new(MediumFrom, HighFrom);
}
