using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Core.Scoring;

/// <summary>How models are trained and served (section <c>Models</c>).</summary>
public sealed class ModelOptions : IValidatableObject
{
    public const string SectionName = "Models";

    /// <summary>Weight of the logistic regression in the ensemble (0–1). Default 0.6.</summary>
    [Range(0d, 1d)]
    public double LogisticWeight { get; set; } = 0.6;

    /// <summary>Weight of the decision tree in the ensemble (0–1); with <see cref="LogisticWeight"/> must add up to 1. Default 0.4.</summary>
    [Range(0d, 1d)]
    public double TreeWeight { get; set; } = 0.4;

    /// <summary>L2 regularisation of the logistic regression (on standardised inputs). Default 1.</summary>
    [Range(0d, 1000d)]
    public double LogisticL2 { get; set; } = 1;

    /// <summary>L1 regularisation of the logistic regression. Default 0 (keep every signal for explanations).</summary>
    [Range(0d, 1000d)]
    public double LogisticL1 { get; set; }

    /// <summary>
    /// Leaves of the single decision tree (2–256). FastTree grows leaf-wise, so this, not depth, bounds the tree;
    /// 16 leaves is at most 15 splits. Default 16.
    /// </summary>
    [Range(2, 256)]
    public int TreeLeaves { get; set; } = 16;

    /// <summary>Fewest training rows in a leaf of the single tree. Default 100.</summary>
    [Range(1, 1_000_000)]
    public int TreeMinLeafSize { get; set; } = 100;

    /// <summary>Trees of the gradient-boosted challenger (1–5000). Default 100.</summary>
    [Range(1, 5000)]
    public int ChallengerTrees { get; set; } = 100;

    /// <summary>Leaves per challenger tree (2–256). Default 16.</summary>
    [Range(2, 256)]
    public int ChallengerLeaves { get; set; } = 16;

    /// <summary>Fewest training rows in a challenger leaf. Default 20.</summary>
    [Range(1, 1_000_000)]
    public int ChallengerMinLeafSize { get; set; } = 20;

    /// <summary>Learning rate (shrinkage) of the challenger (0–1]. Default 0.1.</summary>
    [Range(1e-6, 1d)]
    public double ChallengerLearningRate { get; set; } = 0.1;

    /// <summary>
    /// How often, in seconds, the champion provider looks for a newly promoted model (a light registry listing, no
    /// model bytes). 0 checks on every request. Default 30.
    /// </summary>
    [Range(0, 86_400)]
    public int ChampionCheckSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Math.Abs(LogisticWeight + TreeWeight - 1d) > 1e-9)
        {
            yield return new ValidationResult(
                $"Models:LogisticWeight ({LogisticWeight}) and Models:TreeWeight ({TreeWeight}) must add up to 1.",
                [nameof(LogisticWeight), nameof(TreeWeight)]);
        }
    }
}
