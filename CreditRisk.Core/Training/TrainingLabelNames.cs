namespace CreditRisk.Core.Training;

/// <summary>
/// The names of <see cref="TrainingLabels"/> as <c>--labels</c> takes them and as a version's training summary records
/// the labels it was fitted on: one spelling for both, so a recorded rule reads back as the option that gives it.
/// </summary>
public static class TrainingLabelNames
{
    /// <summary>The training summary entry naming the labels a version was fitted on (<see cref="File"/> or <see cref="EarlyWarning"/>).</summary>
    public const string SummaryKey = "labels";

    public const string Auto = "auto";

    public const string File = "file";

    public const string EarlyWarning = "early-warning";

    public static IReadOnlyList<string> All { get; } = [Auto, File, EarlyWarning];

    public static string Name(TrainingLabels labels) => labels switch
    {
        TrainingLabels.File => File,
        TrainingLabels.EarlyWarning => EarlyWarning,
        _ => Auto,
    };

    /// <summary>The labels named <paramref name="name"/>, or null for none or an unknown name.</summary>
    public static TrainingLabels? Parse(string? name) => name switch
    {
        Auto => TrainingLabels.Auto,
        File => TrainingLabels.File,
        EarlyWarning => TrainingLabels.EarlyWarning,
        _ => null,
    };
}
