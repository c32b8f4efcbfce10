using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Training;

/// <summary>
/// What <c>train</c> and <c>evaluate</c> print: the version, the sample, drift of the ensemble score against the
/// training scores, and every model's measures on the evaluated rows (the hold-out for training, all rows for
/// evaluation).
/// </summary>
public sealed record ModelReport
{
    public required string Version { get; init; }

    /// <summary>Label rows read.</summary>
    public required int Rows { get; init; }

    /// <summary>Label rows with label 1.</summary>
    public required int Positives { get; init; }

    /// <summary>
    /// Which labels the rows carry (<c>early-warning</c> or <c>file</c>, <see cref="TrainingLabelNames"/>); null when
    /// trained on rows built elsewhere (the store, a snapshot), whose rule the training summary describes.
    /// </summary>
    public string? Labels { get; init; }

    /// <summary>Why an evaluation measured against <see cref="Labels"/> (e.g. <c>the champion's training labels</c>); null for training.</summary>
    public string? LabelsChosenBy { get; init; }

    /// <summary>Which rows the measures are on: <c>holdout</c> or <c>all</c>.</summary>
    public required string EvaluatedOn { get; init; }

    public required int EvaluatedRows { get; init; }

    public int? TrainRows { get; init; }

    public int? HoldoutRows { get; init; }

    /// <summary>Whether the version became the champion; null for an evaluation.</summary>
    public bool? Promoted { get; init; }

    /// <summary>The cut-offs the band and High-cut-off measures are at: the pinned ones, else the version's own.</summary>
    public required BandCutoffs Cutoffs { get; init; }

    /// <summary>The cut-offs <c>train</c> chose from the alert budget and stored with the version; null for an evaluation.</summary>
    public ChosenCutoffs? ChosenCutoffs { get; init; }

    /// <summary>The hold-out's alert-budget trade-off stored with the version; null for an evaluation.</summary>
    public IReadOnlyList<BudgetCurvePoint>? BudgetCurve { get; init; }

    /// <summary>How the ensemble probability was calibrated (see <c>CrossFittedCalibration</c>); null for an evaluation.</summary>
    public string? EnsembleCalibration { get; init; }

    /// <summary>Cross-validated AUCs inside the training side and the settings chosen by them; null for an evaluation or too few rows.</summary>
    public CrossValidationReport? CrossValidation { get; init; }

    /// <summary>The champion at training time on exactly this hold-out (<see cref="ChampionComparison"/>); null for an evaluation.</summary>
    public ChampionComparison? ChampionOnSameHoldout { get; init; }

    /// <summary>PSI of the ensemble score on the evaluated rows against the training rows.</summary>
    public required PsiResult Psi { get; init; }

    public required ModelSetEvaluation Models { get; init; }
}

/// <summary>Measures of each model of a version; <see cref="Challenger"/> is null when none was trained.</summary>
public sealed record ModelSetEvaluation(ModelEvaluation Logistic, ModelEvaluation Tree, ModelEvaluation Ensemble, ModelEvaluation? Challenger)
{
    /// <summary>Scalars per model, as stored in <see cref="Scoring.ModelVersion.Metrics"/>.</summary>
    public Dictionary<string, Dictionary<string, double>> ToMetrics()
    {
        var metrics = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal)
        {
            [ModelNames.Logistic] = Logistic.ToScalars(),
            [ModelNames.Tree] = Tree.ToScalars(),
            [ModelNames.Ensemble] = Ensemble.ToScalars(),
        };
        if (Challenger is not null)
        {
            metrics[ModelNames.Challenger] = Challenger.ToScalars();
        }

        return metrics;
    }
}
