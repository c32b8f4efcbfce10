using System.ComponentModel.DataAnnotations;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Risk;

/// <summary>
/// How the model's probability maps to a band (section <c>Banding</c>): the alert budget <c>train</c> chooses each
/// version's cut-offs from, and optionally cut-offs pinned by configuration, which then win over the champion's (see
/// <see cref="BandCutoffResolver"/>).
/// </summary>
public sealed class BandingOptions : IValidatableObject
{
    public const string SectionName = "Banding";

    /// <summary>
    /// Pins the Medium cut-off (probability 0–1) over the champion's own; set together with <see cref="HighFrom"/>.
    /// Default unset: the champion's cut-offs apply (legacy 0.10 for a champion trained before cut-offs were stored).
    /// </summary>
    [Range(0d, 1d)]
    public double? MediumFrom { get; set; }

    /// <summary>
    /// Pins the High cut-off (probability 0–1), which must be above <see cref="MediumFrom"/>; set together with it.
    /// Default unset: the champion's cut-offs apply (legacy 0.30 for a champion trained before cut-offs were stored).
    /// </summary>
    [Range(0d, 1d)]
    public double? HighFrom { get; set; }

    /// <summary>
    /// The alert budget <c>train</c> places the High cut-off at on the hold-out: escalations into High (one WhatsApp
    /// alert each) per 1,000 customers per month, above 0 and at most 1,000. Default 25.
    /// </summary>
    [Range(0.01d, 1000d)]
    public double HighAlertsPer1000PerMonth { get; set; } = AlertBudget.DefaultHighAlertsPer1000PerMonth;

    /// <summary>
    /// The watch list <c>train</c> places the Medium cut-off at on the hold-out: share of customer-months at Medium or
    /// higher, above 0 and below 1. Default 0.10.
    /// </summary>
    [Range(0.001d, 0.999d)]
    public double WatchListShare { get; set; } = AlertBudget.DefaultWatchListShare;

    /// <summary>The pinned cut-offs; null when configuration pins none.</summary>
    public BandCutoffs? Pinned => MediumFrom is { } medium && HighFrom is { } high ? new BandCutoffs(medium, high) : null;

    /// <summary>The budget new versions' cut-offs are chosen from.</summary>
    public AlertBudget Budget => new(HighAlertsPer1000PerMonth, WatchListShare);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MediumFrom.HasValue != HighFrom.HasValue)
        {
            yield return new ValidationResult(
                $"Banding:MediumFrom and Banding:HighFrom pin the cut-offs together: set both or neither (only {(MediumFrom.HasValue ? "MediumFrom" : "HighFrom")} is set).",
                [MediumFrom.HasValue ? nameof(HighFrom) : nameof(MediumFrom)]);
        }
        else if (HighFrom <= MediumFrom)
        {
            yield return new ValidationResult(
                $"Banding:HighFrom ({HighFrom}) must be greater than Banding:MediumFrom ({MediumFrom}).",
                [nameof(HighFrom), nameof(MediumFrom)]);
        }
    }
}
