namespace CreditRisk.Core.Training;

/// <summary>Which outcome a model is trained to predict, and so which one it is measured against.</summary>
public enum TrainingLabels
{
    /// <summary><see cref="EarlyWarning"/> when the statements give enough rows, else the data's own labels.</summary>
    Auto,

    /// <summary>The data's own label rows (labels.csv, or the simulator's).</summary>
    File,

    /// <summary><see cref="EarlyWarningLabels"/>, from the statements' days past due; an error when they give too few rows.</summary>
    EarlyWarning,
}
