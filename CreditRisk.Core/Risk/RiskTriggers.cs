namespace CreditRisk.Core.Risk;

/// <summary>Values of <see cref="RiskAssessment.Trigger"/>.</summary>
public static class RiskTriggers
{
    public const string Transaction = "transaction";
    public const string Statement = "statement";
    public const string Rescore = "rescore";
    public const string Manual = "manual";

    /// <summary>The customer record changed (credit limit, say); nothing new was applied.</summary>
    public const string Customer = "customer";

    /// <summary>A customer-level snapshot was imported for the customer.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>Crash recovery rebuilt the profile from the stored history.</summary>
    public const string Recovery = "recovery";
}
