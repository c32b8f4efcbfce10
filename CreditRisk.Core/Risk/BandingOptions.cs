using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Risk;

/// <summary>Probability cut-offs that map a model's delinquency probability to a band (section <c>Banding</c>).</summary>
public sealed class BandingOptions : IValidatableObject
{
    public const string SectionName = "Banding";

    /// <summary>
    /// Probabilities from this value (0–1) are at least Medium. Default 0.10: the watch list, about the riskiest 10% of
    /// customers, whose 90-day delinquency rate is several times the portfolio's (chosen from the data, docs/models.md).
    /// </summary>
    [Range(0d, 1d)]
    public double MediumFrom { get; set; } = 0.10;

    /// <summary>
    /// Probabilities from this value (0–1) are High; must be above <see cref="MediumFrom"/>. Default 0.30: about the
    /// riskiest 3% of customers, roughly half of whom go 30+ days past due within 90 days (docs/models.md).
    /// </summary>
    [Range(0d, 1d)]
    public double HighFrom { get; set; } = 0.30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HighFrom <= MediumFrom)
        {
            yield return new ValidationResult(
                $"Banding:HighFrom ({HighFrom}) must be greater than Banding:MediumFrom ({MediumFrom}).",
                [nameof(HighFrom), nameof(MediumFrom)]);
        }
    }
}
