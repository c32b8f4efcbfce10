using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Rules;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;

namespace CreditRisk.Core.Training;

/// <summary>
/// Replays hold-out customers at the live cadence for the cut-off choice (<see cref="CadenceCutoffChooser"/>): a
/// reading every <see cref="StepDays"/> days and the day each statement becomes known, over the customer's whole history
/// (from their first transaction, statement or label to the day after the history's last data), as the pipeline
/// assesses a customer from their first activity on. Each reading is what the pipeline would
/// assess then: the features of the profile replayed incrementally (<see cref="HistoryReplay"/>), the trained model's
/// probability and the confirmed rule evidence (<see cref="RuleReading.Confirmed"/>, which recomputes earlier readings
/// only when a rule breaches).
/// </summary>
internal static class CadenceReadings
{
    /// <summary>Days between two scheduled readings (the nightly re-score and transactions make the live cadence finer still).</summary>
    public const int StepDays = 7;

    public static CadencePanel Build(
        LabeledHistory history, IReadOnlySet<string> customerIds, EnsembleRiskModel model, RuleSettings settings, CancellationToken ct)
    {
        var customers = history.Customers.Values
            .Where(c => c.Labels.Count > 0 && customerIds.Contains(c.Id))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToArray();
        var end = history.Customers.Values.Select(LastDay).DefaultIfEmpty(DateOnly.MinValue).Max().AddDays(1);
        var replayed = new CadenceCustomer[customers.Length];
        Parallel.For(
            0,
            customers.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            i => replayed[i] = Replay(customers[i], end, model, settings));
        return new CadencePanel(replayed);
    }

    /// <summary>The reading days of a customer: every <see cref="StepDays"/> from <paramref name="first"/>, and each statement's next day, before <paramref name="end"/>.</summary>
    public static SortedSet<DateOnly> ReadingDays(DateOnly first, DateOnly end, IEnumerable<DateOnly> statementDates)
    {
        var days = new SortedSet<DateOnly>();
        for (var day = first; day < end; day = day.AddDays(StepDays))
        {
            days.Add(day);
        }

        foreach (var known in statementDates.Select(d => d.AddDays(1)).Where(d => d >= first && d < end))
        {
            days.Add(known);
        }

        return days;
    }

    private static CadenceCustomer Replay(CustomerHistory customer, DateOnly end, EnsembleRiskModel model, RuleSettings settings)
    {
        var first = FirstDay(customer);
        if (first >= end)
        {
            return new CadenceCustomer([], 1);
        }

        var replay = new HistoryReplay(customer);
        var days = ReadingDays(first, end, replay.StatementDates);
        var readings = new List<CadenceReading>(days.Count);
        foreach (var day in days)
        {
            replay.AdvanceTo(day);
            var features = replay.Features(day);
            var rules = RuleReading.Confirmed(replay.Profile, replay.CreditLimit, PointInTimeFeatures.AssessmentTime(day), features, settings);
            readings.Add(new CadenceReading(model.Probabilities(features).Ensemble, rules.Signals));
        }

        return new CadenceCustomer(readings, (end.DayNumber - first.DayNumber) / EarlyWarningMeasures.DaysPerMonth);
    }

    private static DateOnly FirstDay(CustomerHistory customer) => customer.Transactions.Select(t => Day(t.UtcTicks))
        .Concat(customer.Statements.Select(s => s.StatementDate))
        .Concat(customer.Labels.Select(l => l.AsOf))
        .Min();

    private static DateOnly LastDay(CustomerHistory customer) => customer.Transactions.Select(t => Day(t.UtcTicks))
        .Concat(customer.Statements.Select(s => s.StatementDate))
        .DefaultIfEmpty(DateOnly.MinValue)
        .Max();

    private static DateOnly Day(long utcTicks) => DateOnly.FromDateTime(new DateTime(utcTicks, DateTimeKind.Utc));
}
