namespace CreditRisk.Core.Scoring;

/// <summary>The keys of a version's per-model <see cref="ModelVersion.Metrics"/> and <see cref="ModelVersion.CurvesByModel"/>.</summary>
public static class ModelNames
{
    public const string Logistic = "logistic";

    public const string Tree = "tree";

    public const string Ensemble = "ensemble";

    public const string Challenger = "challenger";
}
