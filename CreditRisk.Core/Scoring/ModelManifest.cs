using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Scoring;

/// <summary>The JSON manifest inside a model package: everything needed besides the ML.NET models themselves.</summary>
internal sealed record ModelManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public required List<string> FeatureNames { get; init; }

    public required List<FeatureInputRule> Inputs { get; init; }

    public required double LogisticWeight { get; init; }

    public required double TreeWeight { get; init; }

    public required ScoreDistribution TrainingScores { get; init; }

    /// <summary>Training settings, for the record (tree leaves, regularisation, seed…).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];
}
