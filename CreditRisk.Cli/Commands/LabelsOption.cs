using System.CommandLine;
using CreditRisk.Core.Training;

namespace CreditRisk.Cli.Commands;

/// <summary>
/// <c>--labels auto|file|early-warning</c> as <c>train</c> and <c>evaluate</c> both take it: one definition, so the
/// values, their spelling and the refusal of any other are the same in both.
/// </summary>
internal static class LabelsOption
{
    /// <param name="defaultMeaning">What the option means when not given, e.g. <c>Default auto.</c></param>
    public static Option<string> Create(string defaultMeaning)
    {
        var option = new Option<string>("--labels")
        {
            Description = $"{defaultMeaning} auto: early-warning labels from the statements when they give enough rows, else labels.csv; "
                + "file: labels.csv; early-warning: first 30+ DPD 31–150 days after each statement (docs/models.md)",
        };
        option.AcceptOnlyFromAmong([.. TrainingLabelNames.All]);
        return option;
    }

    /// <summary>The labels given, or null when the option was left out and has no default.</summary>
    public static TrainingLabels? Value(ParseResult parse, Option<string> option) => TrainingLabelNames.Parse(parse.GetValue(option));
}
