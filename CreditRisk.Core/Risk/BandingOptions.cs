using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Risk;

/// <summary>Probability cut-offs that map a model's delinquency probability to a band (section <c>Banding</c>).</summary>
public sealed class BandingOptions : IValidatableObject
{
    public const string SectionName = "Banding";

    /// <summary>Probabilities from this value (0–1) are at least Medium. Default 0.35.</summary>
    [Range(0d, 1d)]
    public double MediumFrom { get; set; } = 0.35;

    /// <summary>Probabilities from this value (0–1) are High; must be above <see cref="MediumFrom"/>. Default 0.65.</summary>
    [Range(0d, 1d)]
    public double HighFrom { get; set; } = 0.65;

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
