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

    /// <summary>
    /// Folds of the cross-validation inside the training side (2–10) that chooses the tree size and the logistic
    /// regularisation, measures every model and gives the ensemble's calibration rows. Default 5.
    /// </summary>
    [Range(2, 10)]
    public int CrossValidationFolds { get; set; } = 5;

    /// <summary>L2 regularisation candidates of the logistic regression (on standardised inputs), comma-separated. Default "1,10,100,1000".</summary>
    public string LogisticL2Choices { get; set; } = "1,10,100,1000";

    /// <summary>
    /// Step edges per feature (training quantiles) the logistic regression may use to bend with a non-linear feature
    /// (0–20); cross-validation compares every penalty with and without them. Default 4.
    /// </summary>
    [Range(0, 20)]
    public int LogisticSteps { get; set; } = 4;

    /// <summary>L2 regularisation used when the data are too few to cross-validate. Default 1.</summary>
    [Range(0d, 1000d)]
    public double LogisticL2 { get; set; } = 1;

    /// <summary>L1 regularisation of the logistic regression. Default 0 (keep every signal for explanations).</summary>
    [Range(0d, 1000d)]
    public double LogisticL1 { get; set; }

    /// <summary>
    /// Leaf-count candidates of the single decision tree, comma-separated (each 2–256). FastTree grows leaf-wise, so
    /// the number of leaves, not depth, bounds the tree. Default "8,16,32,64".
    /// </summary>
    public string TreeLeavesChoices { get; set; } = "8,16,32,64";

    /// <summary>Candidates for the fewest training rows in a leaf of the single tree, comma-separated. Default "50,100,200".</summary>
    public string TreeMinLeafSizeChoices { get; set; } = "50,100,200";

    /// <summary>Leaves of the single tree when the data are too few to cross-validate (2–256). Default 16.</summary>
    [Range(2, 256)]
    public int TreeLeaves { get; set; } = 16;

    /// <summary>Fewest rows in a leaf when the data are too few to cross-validate. Default 100.</summary>
    [Range(1, 1_000_000)]
    public int TreeMinLeafSize { get; set; } = 100;

    /// <summary>Most trees of the LightGBM challenger (1–5000); early stopping usually ends sooner. Default 500.</summary>
    [Range(1, 5000)]
    public int ChallengerTrees { get; set; } = 500;

    /// <summary>Leaves per challenger tree (2–256). Default 15.</summary>
    [Range(2, 256)]
    public int ChallengerLeaves { get; set; } = 15;

    /// <summary>Fewest training rows in a challenger leaf. Default 50.</summary>
    [Range(1, 1_000_000)]
    public int ChallengerMinLeafSize { get; set; } = 50;

    /// <summary>Learning rate (shrinkage) of the challenger (0–1]. Default 0.05.</summary>
    [Range(1e-6, 1d)]
    public double ChallengerLearningRate { get; set; } = 0.05;

    /// <summary>Boosting stops after this many rounds without a better validation log-loss (1–1000). Default 30.</summary>
    [Range(1, 1000)]
    public int ChallengerEarlyStoppingRounds { get; set; } = 30;

    /// <summary>Share of the challenger's customers kept back for early stopping and its calibration (0.05–0.5). Default 0.15.</summary>
    [Range(0.05, 0.5)]
    public double ChallengerValidationShare { get; set; } = 0.15;

    /// <summary>
    /// How often, in seconds, the champion provider looks for a newly promoted model (a light registry listing, no
    /// model bytes). 0 checks on every request. Default 30.
    /// </summary>
    [Range(0, 86_400)]
    public int ChampionCheckSeconds { get; set; } = 30;

    /// <summary>Every combination of <see cref="TreeLeavesChoices"/> and <see cref="TreeMinLeafSizeChoices"/>, smallest trees first.</summary>
    internal IReadOnlyList<Training.TreeSize> TreeSizeChoices()
    {
        var minLeafSizes = Choices(TreeMinLeafSizeChoices, int.Parse).Values.OrderDescending().ToList();
        return [.. from leaves in Choices(TreeLeavesChoices, int.Parse).Values.Order()
            from minLeaf in minLeafSizes
            select new Training.TreeSize(leaves, minLeaf)];
    }

    internal IReadOnlyList<double> LogisticL2ChoiceList() => [.. Choices(LogisticL2Choices, double.Parse).Values.OrderDescending()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in ChoiceErrors(nameof(TreeLeavesChoices), TreeLeavesChoices, int.Parse, v => v is >= 2 and <= 256, "whole numbers from 2 to 256"))
        {
            yield return error;
        }

        foreach (var error in ChoiceErrors(nameof(TreeMinLeafSizeChoices), TreeMinLeafSizeChoices, int.Parse, v => v is >= 1 and <= 1_000_000, "whole numbers from 1 to 1,000,000"))
        {
            yield return error;
        }

        foreach (var error in ChoiceErrors(nameof(LogisticL2Choices), LogisticL2Choices, double.Parse, v => v is >= 0 and <= 1000, "numbers from 0 to 1,000"))
        {
            yield return error;
        }

        if (Math.Abs(LogisticWeight + TreeWeight - 1d) > 1e-9)
        {
            yield return new ValidationResult(
                $"Models:LogisticWeight ({LogisticWeight}) and Models:TreeWeight ({TreeWeight}) must add up to 1.",
                [nameof(LogisticWeight), nameof(TreeWeight)]);
        }
    }

    /// <summary>
    /// The distinct values of a comma-separated choice list, and the items that do not parse; the one parser behind
    /// both the training candidates and the validation message.
    /// </summary>
    private static (List<T> Values, List<string> Wrong) Choices<T>(string? list, Func<string, IFormatProvider, T> parse)
    {
        var values = new List<T>();
        var wrong = new List<string>();
        foreach (var item in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                var value = parse(item, System.Globalization.CultureInfo.InvariantCulture);
                if (!values.Contains(value))
                {
                    values.Add(value);
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                wrong.Add(item);
            }
        }

        return (values, wrong);
    }

    private static IEnumerable<ValidationResult> ChoiceErrors<T>(
        string name, string list, Func<string, IFormatProvider, T> parse, Func<T, bool> valid, string expected)
    {
        var (values, wrong) = Choices(list, parse);
        if (values.Count == 0 || wrong.Count > 0 || !values.TrueForAll(v => valid(v)))
        {
            yield return new ValidationResult(
                $"Models:{name} must be a comma-separated list of {expected} (got \"{list}\").", [name]);
        }
    }
}
