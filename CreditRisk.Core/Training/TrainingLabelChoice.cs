namespace CreditRisk.Core.Training;

/// <summary>
/// Puts the label rows a <see cref="TrainingLabels"/> asks for on a history, deciding <see cref="TrainingLabels.Auto"/>.
/// Training and evaluation both go through here, so a model is measured against the event it was fitted to, decided
/// on the same terms.
/// </summary>
public static class TrainingLabelChoice
{
    /// <returns>
    /// The history with those label rows, and which they are: <see cref="TrainingLabels.File"/> or
    /// <see cref="TrainingLabels.EarlyWarning"/>, never <see cref="TrainingLabels.Auto"/>.
    /// </returns>
    /// <exception cref="TrainingDataException">Early-warning labels asked for, and the statements give too few.</exception>
    public static (LabeledHistory History, TrainingLabels Used) Apply(LabeledHistory history, TrainingLabels labels)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (labels == TrainingLabels.File)
        {
            return (history, TrainingLabels.File);
        }

        if (EarlyWarningLabels.Relabel(history) is { } relabeled)
        {
            return (relabeled, TrainingLabels.EarlyWarning);
        }

        return labels == TrainingLabels.Auto
            ? (history, TrainingLabels.File)
            : throw new TrainingDataException(
                $"The statements do not give enough early-warning rows (at least {EarlyWarningLabels.MinimumRows} rows and {EarlyWarningLabels.MinimumBad} bad ones); use the data's own labels instead (--labels file).");
    }
}
