using CreditRisk.Web.Components.Shared;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>
/// How a customer's score reads on staff pages: the model's probability with one decimal, or "Rules only" when no
/// model scored them. A rules-only customer's stored score is the band's stand-in for ordering (High 0.9, Medium 0.5,
/// Low 0.1), and "90.0%" beside it read as a model estimate above every real one.
/// </summary>
public static class ScoreText
{
    public const string RulesOnly = "Rules only";

    /// <summary>The hover text of <see cref="RulesOnly"/>.</summary>
    public const string RulesOnlyTitle = "No model scored this customer: the expert rules alone set the band. Sorted by score, they rank by band.";

    public static string Of(double score, bool rulesOnly) => rulesOnly ? RulesOnly : DisplayFormat.Percent(score, 1);

    /// <summary>An assessment's score: its ensemble probability, or <see cref="RulesOnly"/> when it has none.</summary>
    public static string Of(double? ensembleProbability) => ensembleProbability is { } p ? DisplayFormat.Percent(p, 1) : RulesOnly;
}
