using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.Training;

/// <summary>Scores labelled rows with every model of a version and measures each, with each model's curves.</summary>
internal static class ModelScoring
{
    public static (ModelSetEvaluation Models, PsiResult Psi, Dictionary<string, ModelCurves> Curves) Evaluate(EnsembleRiskModel model, IReadOnlyList<LabeledRow> rows, BandCutoffs cutoffs)
    {
        var logistic = new double[rows.Count];
        var tree = new double[rows.Count];
        var ensemble = new double[rows.Count];
        var challenger = model.HasChallenger ? new double[rows.Count] : null;
        var labels = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var score = model.Probabilities(rows[i].Features);
            logistic[i] = score.Logistic;
            tree[i] = score.Tree;
            ensemble[i] = score.Ensemble;
            labels[i] = rows[i].Label;
            if (challenger is not null)
            {
                challenger[i] = model.ScoreChallenger(rows[i].Features)!.Value;
            }
        }

        var models = new ModelSetEvaluation(
            BinaryMetrics.Evaluate(logistic, labels, cutoffs),
            BinaryMetrics.Evaluate(tree, labels, cutoffs),
            BinaryMetrics.Evaluate(ensemble, labels, cutoffs),
            challenger is null ? null : BinaryMetrics.Evaluate(challenger, labels, cutoffs));
        var curves = new Dictionary<string, ModelCurves>(StringComparer.Ordinal)
        {
            [ModelNames.Logistic] = ModelCurves.From(logistic, labels),
            [ModelNames.Tree] = ModelCurves.From(tree, labels),
            [ModelNames.Ensemble] = ModelCurves.From(ensemble, labels),
        };
        if (challenger is not null)
        {
            curves[ModelNames.Challenger] = ModelCurves.From(challenger, labels);
        }

        return (models, PopulationStability.Compare(model.TrainingScores, ensemble), curves);
    }
}
