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
    /// The past-due position counted to the latest assessment's data day (<see cref="PastDueReader"/>, as the grid, the
    /// export and the customer's own page count it), so it reads the same days as the rule hit written for that day.
    /// </summary>
    public PastDuePosition? PastDue { get; init; }
}
