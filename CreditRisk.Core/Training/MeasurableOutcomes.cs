namespace CreditRisk.Core.Training;

/// <summary>
/// Refuses to measure a model on rows with too few of either outcome: with one outcome only, AUC reads 0.5 and KS and
/// Gini 0 (<c>BinaryMetrics</c>), which an analyst takes for "the model is random"; with a handful, the measures,
/// cut-offs and calibration table rest on a few customers. Train's hold-out and evaluate's rows are held to the same bar.
/// </summary>
public static class MeasurableOutcomes
{
    /// <summary>The fewest rows of each outcome (bad and good) a model is measured on.</summary>
    public const int MinimumRowsPerOutcome = 5;

    /// <param name="rows">The rows the measures would be on.</param>
    /// <param name="what">The rows as the message names them, e.g. <c>The hold-out</c>.</param>
    /// <param name="next">What to do about it, ending the message.</param>
    /// <exception cref="TrainingDataException">Fewer than <see cref="MinimumRowsPerOutcome"/> bad or good rows.</exception>
    public static void Require(IReadOnlyList<LabeledRow> rows, string what, string next)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var bad = rows.Count(r => r.Label);
        if (Math.Min(bad, rows.Count - bad) < MinimumRowsPerOutcome)
        {
            throw new TrainingDataException(
                $"{what} ({rows.Count} rows, {bad} bad) needs at least {MinimumRowsPerOutcome} rows of each outcome to measure a model; {next}.");
        }
    }
}
