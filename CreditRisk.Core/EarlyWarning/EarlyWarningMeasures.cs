using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>
/// Lead-time measures from replayed risk timelines and each delinquent customer's first 30+ DPD date <c>D</c>
/// (taken as 00:00 UTC of that day):
/// <list type="bullet">
/// <item>a customer is <em>flagged at a level</em> (Medium-or-higher, or High) from the first assessment at that level;
/// the lead is <c>D</c> minus that assessment's time, in days, counted only when the flag came before <c>D</c>;</item>
/// <item><see cref="EarlyWarningFigures.FlaggedAhead"/>: share of delinquent customers whose first flag came at least
/// <c>leadDays</c> (30) before <c>D</c> — the brief's measure;</item>
/// <item><see cref="EarlyWarningFigures.FlaggedAtLeadDay"/>: share still at that level at <c>D − leadDays</c> (the band in
/// force then), a stricter reading that a flag raised long ago and since withdrawn does not pass;</item>
/// <item><see cref="EarlyWarningFigures.FalseAlarmRate"/>: share of never-delinquent customers ever flagged;</item>
/// <item>alerts are escalations into High (the band becomes High and the previous one was not, the first assessment
/// counting as an escalation when High), exactly when the pipeline raises one.</item>
/// </list>
/// </summary>
public static class EarlyWarningMeasures
{
    /// <summary>The band to count for a point, given the band counted for the customer's point before it (null for the first).</summary>
    public delegate RiskBand BandOf(RiskPoint point, RiskBand? previous);

    /// <summary>Average days in a month, for rates per month.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    /// <summary>
    /// Days of their own data (from their first transaction or statement) a delinquent customer needs before <c>D</c> to be
    /// in the "with history" subset (the models' labels need three months).
    /// </summary>
    public const int HistoryDays = 90;

    /// <summary>
    /// Computes the measures with each point's band given by <paramref name="bandOf"/>: <see cref="PipelineBand"/> for the
    /// bands the pipeline gave, or <see cref="WithCutoffs"/> for what other model cut-offs would have given.
    /// </summary>
    /// <param name="timelines">Every replayed customer's assessments in time order (possibly none).</param>
    /// <param name="delinquency">First 30+ DPD date of each customer who reached it.</param>
    /// <param name="firstDataDays">
    /// Each customer's first day with data; a customer not in it has none. "With history" counts from it, not from the
    /// period's start: a customer whose data began two weeks before <c>D</c> was counted when the period had run 90 days.
    /// </param>
    /// <param name="bandOf">The band to count for a point.</param>
    /// <param name="periodStart">Start of the replayed period (UTC).</param>
    /// <param name="periodEnd">End of the replayed period (UTC, exclusive).</param>
    /// <param name="leadDays">How far ahead a flag must come to count as early. Default 30.</param>
    public static EarlyWarningFigures Compute(
        IReadOnlyDictionary<string, IReadOnlyList<RiskPoint>> timelines,
        IReadOnlyDictionary<string, DateOnly> delinquency,
        IReadOnlyDictionary<string, DateOnly> firstDataDays,
        BandOf bandOf,
        DateTimeOffset periodStart,
        DateTimeOffset periodEnd,
        int leadDays = 30)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        ArgumentNullException.ThrowIfNull(delinquency);
        ArgumentNullException.ThrowIfNull(firstDataDays);
        ArgumentNullException.ThrowIfNull(bandOf);
        var lead = TimeSpan.FromDays(leadDays);
        var all = new Tally();
        var withHistory = new Tally();
        int neverDelinquent = 0, falseMedium = 0, falseHigh = 0;
        long alerts = 0, points = 0, highPoints = 0, mediumPoints = 0;

        foreach (var (id, timeline) in timelines)
        {
            var scan = Scan(timeline, bandOf);
            alerts += scan.Escalations;
            points += timeline.Count;
            highPoints += scan.HighPoints;
            mediumPoints += scan.MediumOrHigherPoints;

            if (!delinquency.TryGetValue(id, out var day))
            {
                neverDelinquent++;
                falseMedium += scan.FirstMediumOrHigher is null ? 0 : 1;
                falseHigh += scan.FirstHigh is null ? 0 : 1;
                continue;
            }

            var d = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var atLeadDay = BandAt(timeline, bandOf, d - lead);
            all.Add(d, lead, scan, atLeadDay);
            if (firstDataDays.TryGetValue(id, out var first) && day >= first.AddDays(HistoryDays))
            {
                withHistory.Add(d, lead, scan, atLeadDay);
            }
        }

        var months = (periodEnd - periodStart).TotalDays / DaysPerMonth;
        return new EarlyWarningFigures
        {
            Customers = timelines.Count,
            DelinquentCustomers = all.Count,
            NeverDelinquentCustomers = neverDelinquent,
            FlaggedAhead = all.Ahead(),
            FlaggedBefore = all.Before(),
            FlaggedAtLeadDay = all.AtLeadDay(),
            MedianLeadDays = all.MedianLead(),
            FalseAlarmRate = new ByLevel(Share(falseMedium, neverDelinquent), Share(falseHigh, neverDelinquent)),
            Alerts = alerts,
            AlertsPer1000CustomersPerMonth = timelines.Count == 0 || months <= 0 ? 0 : Math.Round(alerts * 1000.0 / timelines.Count / months, 2),
            AssessmentShare = new ByLevel(Share(mediumPoints, points), Share(highPoints, points)),
            WithHistory = new DelinquentSubset
            {
                DelinquentCustomers = withHistory.Count,
                FlaggedAhead = withHistory.Ahead(),
                FlaggedAtLeadDay = withHistory.AtLeadDay(),
                MedianLeadDays = withHistory.MedianLead(),
            },
        };
    }

    /// <summary>The band the pipeline stored.</summary>
    public static RiskBand PipelineBand(RiskPoint point, RiskBand? previous) => point.Band;

    /// <summary>High while the rule <see cref="RuleBits.Ids"/>[<paramref name="index"/>] fires, else Low: that rule judged alone.</summary>
    public static BandOf RuleFiring(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, RuleBits.Ids.Count);
        var bit = 1 << index;
        return (point, _) => (point.RulesFired & bit) != 0 ? RiskBand.High : RiskBand.Low;
    }

    /// <summary>The expert rules alone, combined as the pipeline combines them without a model.</summary>
    public static RiskBand RulesAlone(RiskPoint point, RiskBand? previous) => RiskCombination.Combine(null, point.Signals, previous);

    /// <summary>The model's band alone under <paramref name="cutoffs"/>; Low without a model.</summary>
    public static BandOf ModelAlone(BandCutoffs cutoffs)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        return (point, _) => point.Probability is { } p ? cutoffs.BandOf(p) : RiskBand.Low;
    }

    /// <summary>The band other model cut-offs would give: the model's band under them combined with the rules as the pipeline does.</summary>
    public static BandOf WithCutoffs(BandCutoffs cutoffs)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        return (point, previous) => RiskCombination.Combine(point.Probability is { } p ? cutoffs.BandOf(p) : null, point.Signals, previous);
    }

    private static TimelineScan Scan(IReadOnlyList<RiskPoint> timeline, BandOf bandOf)
    {
        DateTimeOffset? firstMedium = null, firstHigh = null;
        RiskBand? previous = null;
        int escalations = 0, high = 0, medium = 0;
        foreach (var point in timeline)
        {
            var band = bandOf(point, previous);
            if (band >= RiskBand.Medium)
            {
                firstMedium ??= point.At;
                medium++;
            }

            if (band == RiskBand.High)
            {
                firstHigh ??= point.At;
                high++;
                escalations += previous == RiskBand.High ? 0 : 1;
            }

            previous = band;
        }

        return new TimelineScan(firstMedium, firstHigh, escalations, high, medium);
    }

    /// <summary>The band in force at <paramref name="moment"/>: that of the last assessment at or before it; null before the first.</summary>
    private static RiskBand? BandAt(IReadOnlyList<RiskPoint> timeline, BandOf bandOf, DateTimeOffset moment)
    {
        RiskBand? band = null;
        foreach (var point in timeline)
        {
            if (point.At > moment)
            {
                break;
            }

            band = bandOf(point, band);
        }

        return band;
    }

    /// <summary>A share rounded to four decimals (0.01 percentage point): more would be noise in a report.</summary>
    private static double Share(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return Math.Round(median, 1);
    }

    private readonly record struct TimelineScan(
        DateTimeOffset? FirstMediumOrHigher, DateTimeOffset? FirstHigh, int Escalations, int HighPoints, int MediumOrHigherPoints);

    /// <summary>Counts over a set of delinquent customers.</summary>
    private sealed class Tally
    {
        private readonly List<double> _leadMedium = [];
        private readonly List<double> _leadHigh = [];
        private int _aheadMedium, _aheadHigh, _atMedium, _atHigh;

        public int Count { get; private set; }

        public void Add(DateTimeOffset d, TimeSpan lead, TimelineScan scan, RiskBand? atLeadDay)
        {
            Count++;
            if (scan.FirstMediumOrHigher is { } medium && medium < d)
            {
                _leadMedium.Add((d - medium).TotalDays);
                _aheadMedium += d - medium >= lead ? 1 : 0;
            }

            if (scan.FirstHigh is { } high && high < d)
            {
                _leadHigh.Add((d - high).TotalDays);
                _aheadHigh += d - high >= lead ? 1 : 0;
            }

            _atMedium += atLeadDay >= RiskBand.Medium ? 1 : 0;
            _atHigh += atLeadDay == RiskBand.High ? 1 : 0;
        }

        public ByLevel Ahead() => new(Share(_aheadMedium, Count), Share(_aheadHigh, Count));

        public ByLevel Before() => new(Share(_leadMedium.Count, Count), Share(_leadHigh.Count, Count));

        public ByLevel AtLeadDay() => new(Share(_atMedium, Count), Share(_atHigh, Count));

        public NullableByLevel MedianLead() => new(Median(_leadMedium), Median(_leadHigh));
    }
}
