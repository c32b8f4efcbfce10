using System.Text.Json.Serialization;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// One point of the replay's alert-budget trade-off: the model cut-offs, the alert rate they give, and what they catch
/// and cost, with the rules combined exactly as <see cref="EarlyWarningMeasures.WithCutoffs"/> combines them.
/// </summary>
public sealed record BudgetSweepPoint
{
    public required double HighFrom { get; init; }

    /// <summary>The Medium cut-off in force, or the High one when that is lower (the Medium band is then empty).</summary>
    public required double MediumFrom { get; init; }

    /// <summary>Whether this is the High cut-off in force.</summary>
    public required bool InForce { get; init; }

    [JsonPropertyName("alerts_per_1000_customers_per_month")]
    public required double AlertsPer1000CustomersPerMonth { get; init; }

    public required ByLevel FlaggedAhead { get; init; }

    public required ByLevel FalseAlarmRate { get; init; }
}

/// <summary>
/// The early-warning trade-off (<c>budget_curve</c>): the model's High cut-off swept over quantiles of the replay's
/// probabilities (plus the one in force), the bands recomputed from the same replay with the rules as the pipeline
/// combines them, from the fewest alerts to the most.
/// </summary>
public static class BudgetSweep
{
    /// <summary>Quantiles of the replayed probabilities tried as High cut-offs.</summary>
    public static IReadOnlyList<double> Quantiles { get; } = [0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999];

    private static readonly Dictionary<string, DateOnly> NoDataDays = [];

    /// <summary>The points, highest cut-off first; empty without model probabilities (the rules alone were replayed).</summary>
    public static List<BudgetSweepPoint> Compute(
        IReadOnlyDictionary<string, IReadOnlyList<RiskPoint>> timelines,
        IReadOnlyDictionary<string, DateOnly> delinquency,
        BandCutoffs inForce,
        DateTimeOffset periodStart,
        DateTimeOffset periodEnd,
        int leadDays)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        ArgumentNullException.ThrowIfNull(inForce);
        var probabilities = timelines.Values
            .SelectMany(t => t)
            .Where(p => p.Probability is not null)
            .Select(p => p.Probability!.Value)
            .Order()
            .ToArray();
        if (probabilities.Length == 0)
        {
            return [];
        }

        var highs = Quantiles
            .Select(q => probabilities[Math.Min(probabilities.Length - 1, (int)Math.Floor(q * probabilities.Length))])
            .Append(inForce.HighFrom)
            .Distinct()
            .OrderDescending();
        return [.. highs.Select(high =>
        {
            var cutoffs = new BandCutoffs(Math.Min(inForce.MediumFrom, high), high);
            // No first data days: the curve does not report the "with history" subset, the only measure that needs them.
            var figures = EarlyWarningMeasures.Compute(
                timelines, delinquency, NoDataDays, EarlyWarningMeasures.WithCutoffs(cutoffs), periodStart, periodEnd, leadDays);
            return new BudgetSweepPoint
            {
                HighFrom = high,
                MediumFrom = cutoffs.MediumFrom,
                InForce = high == inForce.HighFrom,
                AlertsPer1000CustomersPerMonth = figures.AlertsPer1000CustomersPerMonth,
                FlaggedAhead = figures.FlaggedAhead,
                FalseAlarmRate = figures.FalseAlarmRate,
            };
        })];
    }
}
