using CreditRisk.Core.Alerts;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Statements;

namespace CreditRisk.Web.Customers;

/// <summary>Everything the analyst drill-down shows about one customer, read in one go.</summary>
/// <param name="History">Assessments, oldest first (the score chart's order).</param>
/// <param name="Features">The latest assessment's features against the rule thresholds in force; empty before any assessment.</param>
/// <param name="Statements">Statements, newest first.</param>
/// <param name="MediumFrom">Probability from which the model says Medium (0–1).</param>
/// <param name="HighFrom">Probability from which the model says High (0–1).</param>
public sealed record CustomerDetails(
    Customer Customer,
    RiskAssessment? Latest,
    IReadOnlyList<RiskAssessment> History,
    IReadOnlyList<FeatureCheck> Features,
    IReadOnlyList<Statement> Statements,
    CustomerAlertHistory Alerts,
    double MediumFrom,
    double HighFrom)
{
    /// <summary>
    /// The past-due position today, from the statements with the rule's own computation (the grid's days-past-due
    /// column uses the same); null when nothing is past due. The latest assessment's reason is as of its data.
    /// </summary>
    public PastDueFact? PastDueToday { get; init; }
}
