using CreditRisk.Core.Scoring;

namespace CreditRisk.Core.Training;

/// <summary>
/// Which labels an evaluation measures a version against: the ones asked for, else the ones the version was trained on
/// (its training summary records them), else <see cref="TrainingLabels.Auto"/> decided on the evaluated data as
/// <c>train</c> would. Measuring against another event than the model predicts gives figures that look like its
/// quality and are not (an early-warning model read 0.87 AUC against labels.csv and 0.66 on its own hold-out).
/// </summary>
internal static class EvaluationLabels
{
    /// <param name="asked">The labels asked for (<c>--labels</c>), or null for the version's own.</param>
    /// <param name="version">The version measured; its training summary may record the labels it was fitted on.</param>
    /// <param name="who">The version as the reason names it, e.g. <c>the champion</c>.</param>
    /// <returns>The labels to apply, and the reason for them as the report gives it.</returns>
    public static (TrainingLabels Labels, string ChosenBy) Choose(TrainingLabels? asked, ModelVersion version, string who)
    {
        if (asked is { } labels)
        {
            return (labels, $"--labels {TrainingLabelNames.Name(labels)}");
        }

        if (version.TrainingSummary.TryGetValue(TrainingLabelNames.SummaryKey, out var name) && TrainingLabelNames.Parse(name) is { } recorded)
        {
            return (recorded, $"{who}'s training labels");
        }

        return (TrainingLabels.Auto,
            $"auto: {who} records no label rule (trained before the rule was recorded, or from the store), so decided on this data as train would");
    }

    /// <summary><see cref="TrainingLabelChoice.Apply"/>, its refusal saying why those labels were asked for.</summary>
    /// <exception cref="TrainingDataException">Early-warning labels chosen, and the statements give too few.</exception>
    public static (LabeledHistory History, TrainingLabels Used) Apply(LabeledHistory history, TrainingLabels labels, string chosenBy)
    {
        try
        {
            return TrainingLabelChoice.Apply(history, labels);
        }
        catch (TrainingDataException e)
        {
            // Without the reason, a default the user never typed reads as a fault in the data.
            throw new TrainingDataException($"Labels {TrainingLabelNames.Name(labels)} ({chosenBy}): {e.Message}", e);
        }
    }
}
