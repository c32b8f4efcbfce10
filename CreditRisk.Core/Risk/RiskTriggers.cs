namespace CreditRisk.Core.Risk;

/// <summary>Values of <see cref="RiskAssessment.Trigger"/>.</summary>
public static class RiskTriggers
{
    public const string Transaction = "transaction";
    public const string Statement = "statement";
    public const string Rescore = "rescore";
    public const string Manual = "manual";
}
