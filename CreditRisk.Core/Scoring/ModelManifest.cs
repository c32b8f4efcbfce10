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

    /// <summary>
    /// Platt scaling of the logit of the weighted blend, fitted on out-of-fold blends at training; null for packages
    /// written before the ensemble was recalibrated (their ensemble is the plain blend, as it was measured).
    /// </summary>
    public PlattScaling? EnsembleCalibration { get; init; }

    /// <summary>
    /// Platt scaling of the challenger's margin fitted on rows its trees did not learn from (replacing the trainer's
    /// own); null for packages written before, whose challenger keeps the calibrator stored with it.
    /// </summary>
    public PlattScaling? ChallengerCalibration { get; init; }

    /// <summary>Training settings, for the record (tree leaves, regularisation, seed…).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];
}
