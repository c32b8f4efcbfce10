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

    /// <summary>
    /// Escalations into High at <see cref="HighFrom"/>: per 1,000 customers a month at the live cadence, the model band
    /// combined with the rules, when <see cref="HoldoutReadings"/> is set; else per 1,000 monthly hold-out rows, the model alone.
    /// </summary>
    [JsonPropertyName("holdout_high_alerts_per_1000_per_month")]
    public double HoldoutHighAlertsPer1000PerMonth { get; init; }

    /// <summary>Share of hold-out rows (readings, when <see cref="HoldoutReadings"/> is set) the model puts at Medium or higher.</summary>
    public double HoldoutWatchListShare { get; init; }

    /// <summary>Share of hold-out rows (readings, when <see cref="HoldoutReadings"/> is set) the model puts at High.</summary>
    public double HoldoutHighShare { get; init; }

    public int HoldoutRows { get; init; }

    public int HoldoutCustomers { get; init; }

    /// <summary>
    /// Point-in-time readings of the hold-out customers (every 7 days and on statement dates) the cut-offs were counted
    /// on; 0 when they were counted on the monthly rows (retraining from the store, which has no history to replay).
    /// </summary>
    public int HoldoutReadings { get; init; }

    /// <summary>Why the budget was not used, or what limits the reading (e.g. one row per customer); null when nothing to say.</summary>
    public string? Note { get; init; }

    public BandCutoffs ToBandCutoffs() => new(MediumFrom, HighFrom);
}
