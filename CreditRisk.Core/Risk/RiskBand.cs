namespace CreditRisk.Core.Risk;

/// <summary>Risk bands, ordered so that a larger value is riskier.</summary>
public enum RiskBand
{
    Low = 0,
    Medium = 1,
    High = 2,
}
