using System.Runtime.InteropServices;

namespace CreditRisk.Core.Features;

/// <summary>
/// Read-only helpers over one profile as of one day, shared by the feature computations: which windows the
/// transaction history covers, balances on given days, statement cycles usable for payment features.
/// Money is handled as double here (converted once per stored value); see <see cref="OverLimitTolerance"/>.
/// </summary>
internal readonly ref struct ProfileView
{
    /// <summary>A balance counts as over the limit only when above it by more than half a minor unit (0.005).</summary>
    public const double OverLimitTolerance = 0.005;

    private readonly BehaviorProfile _profile;
    private readonly DateOnly? _observedFrom;
    private readonly ReadOnlySpan<double> _suffixNet;

    /// <param name="profile">The profile.</param>
    /// <param name="asOfDay">Last day of every window.</param>
    /// <param name="suffixNet">Element i: the net of buckets i and later (one more element than buckets, the last 0).</param>
    public ProfileView(BehaviorProfile profile, DateOnly asOfDay, ReadOnlySpan<double> suffixNet)
    {
        _profile = profile;
        _suffixNet = suffixNet;
        AsOfDay = asOfDay;
        Days = CollectionsMarshal.AsSpan(profile.Days);
        var cycles = CollectionsMarshal.AsSpan(profile.Cycles);
        var known = cycles.Length;
        while (known > 0 && cycles[known - 1].StatementDate > asOfDay)
        {
            known--;
        }

        Cycles = cycles[..known];
        if (profile.FirstTransactionDay is { } first)
        {
            _observedFrom = profile.PrunedThrough is { } pruned && pruned >= first ? pruned.AddDays(1) : first;
        }
    }

    public DateOnly AsOfDay { get; }

    /// <summary>All retained daily buckets, oldest first (may include days after <see cref="AsOfDay"/>).</summary>
    public ReadOnlySpan<DailyActivity> Days { get; }

    /// <summary>Retained statement cycles dated on or before <see cref="AsOfDay"/>, oldest first.</summary>
    public ReadOnlySpan<CycleSummary> Cycles { get; }

    /// <summary>
    /// A single-window feature may use a window the history covers only in part (a new customer), but not one that
    /// ends before the first transaction or that pruning has cut into.
    /// </summary>
    public bool SingleWindowUsable(DateOnly start, DateOnly end) =>
        _profile.FirstTransactionDay is { } first && end >= first && (_profile.PrunedThrough is not { } pruned || start > pruned);

    /// <summary>Whether every transaction from <paramref name="start"/> on is known (needed to compare windows).</summary>
    public bool Observed(DateOnly start) => _observedFrom is { } from && start >= from;

    /// <summary>How many of the latest 30-day periods (up to six) the transaction history covers entirely.</summary>
    public int ObservedPeriods()
    {
        var count = 0;
        while (count < FeatureEngine.Periods
               && Observed(AsOfDay.AddDays(1 - ((count + 1) * FeatureEngine.WindowDays))))
        {
            count++;
        }

        return count;
    }

    public double? LatestCycleLimit() => Cycles.Length > 0 && Cycles[^1].CreditLimit > 0 ? (double)Cycles[^1].CreditLimit : null;

    /// <summary>
    /// End-of-day balance on <paramref name="day"/>: the latest statement's closing balance plus the net transactions
    /// after it, or else the transaction running balance; null when neither is known.
    /// </summary>
    public double? BalanceAt(DateOnly day)
    {
        var index = Cycles.Length - 1;
        while (index >= 0 && Cycles[index].StatementDate > day)
        {
            index--;
        }

        if (index >= 0 && IsAnchor(Cycles[index]))
        {
            var statement = Cycles[index];
            return (double)statement.Balance + NetAfter(statement.StatementDate) - NetAfter(day);
        }

        if (_profile.FirstTransactionDay is { } first && day >= first
            && (_profile.PrunedThrough is not { } pruned || day >= pruned))
        {
            return (double)_profile.NetBalance - NetAfter(day);
        }

        return null;
    }

    /// <summary>
    /// Walks end-of-day balances from <paramref name="windowStart"/> to <see cref="AsOfDay"/> over the days with a
    /// transaction or statement, plus the as-of day itself. Returns the balance on the as-of day and how many of those
    /// days ended above the limit (null when no day had both a balance and a limit).
    /// </summary>
    public (double? BalanceAsOf, double? OverLimitDays) WalkBalances(DateOnly windowStart, double? currentLimit)
    {
        var balance = BalanceAt(windowStart.AddDays(-1));
        var dayIndex = FirstAfter(windowStart.AddDays(-1));
        var cycleIndex = 0;
        while (cycleIndex < Cycles.Length && Cycles[cycleIndex].StatementDate < windowStart)
        {
            cycleIndex++;
        }

        var overLimit = 0;
        var any = false;
        while (true)
        {
            var next = AsOfDay;
            if (dayIndex < Days.Length && Days[dayIndex].Day < next)
            {
                next = Days[dayIndex].Day;
            }

            if (cycleIndex < Cycles.Length && Cycles[cycleIndex].StatementDate < next)
            {
                next = Cycles[cycleIndex].StatementDate;
            }

            if (dayIndex < Days.Length && Days[dayIndex].Day == next)
            {
                balance = balance is { } known ? known + (_suffixNet[dayIndex] - _suffixNet[dayIndex + 1]) : BalanceAt(next);
                dayIndex++;
            }
            else
            {
                balance ??= BalanceAt(next);
            }

            var limit = currentLimit;
            if (cycleIndex < Cycles.Length && Cycles[cycleIndex].StatementDate == next)
            {
                var statement = Cycles[cycleIndex++];
                if (IsAnchor(statement))
                {
                    balance = (double)statement.Balance;
                }

                if (statement.CreditLimit > 0)
                {
                    limit = (double)statement.CreditLimit;
                }
            }

            if (balance is { } b && limit is { } l)
            {
                any = true;
                overLimit += b > l + OverLimitTolerance ? 1 : 0;
            }

            if (next == AsOfDay)
            {
                return (balance, any ? overLimit : null);
            }
        }
    }

    /// <summary>
    /// Spend implied by consecutive statements, latest first: balance − previous balance + amount paid against the
    /// previous statement, floored at 0. Empty unless the latest statement is fresh; stops at a gap between statements.
    /// </summary>
    public int ImpliedCycleSpend(Span<double> implied)
    {
        if (Cycles.Length < 2 || !LatestCycleFresh)
        {
            return 0;
        }

        var count = 0;
        for (var i = Cycles.Length - 1; i >= 1; i--)
        {
            var current = Cycles[i];
            var previous = Cycles[i - 1];
            if (current.StatementDate.DayNumber - previous.StatementDate.DayNumber > FeatureEngine.StatementFreshDays)
            {
                break;
            }

            implied[count++] = (double)Math.Max(0m, current.Balance - previous.Balance + previous.AmountPaid);
        }

        return count;
    }

    /// <summary>Cycles whose payment outcome is known: all but the latest, and the latest once its due date has passed.</summary>
    public ReadOnlySpan<CycleSummary> EvaluableCycles()
    {
        if (Cycles.IsEmpty)
        {
            return Cycles;
        }

        return FeatureEngine.DueDateOf(Cycles[^1]) < AsOfDay ? Cycles : Cycles[..^1];
    }

    /// <summary>Payments of the last 30 days over the balance the day before they started, clamped to [0, 1].</summary>
    public double? TransactionPaymentRatio(double paymentsLast30Days)
    {
        if (!Observed(AsOfDay.AddDays(1 - FeatureEngine.WindowDays)))
        {
            return null;
        }

        return BalanceAt(AsOfDay.AddDays(-FeatureEngine.WindowDays)) is > 0 and var opening
            ? Math.Clamp(paymentsLast30Days / opening, 0d, 1d)
            : null;
    }

    /// <summary>
    /// What has been paid against the latest statement, when it is at most <see cref="FeatureEngine.StatementFreshDays"/>
    /// old: a statement-only history's payments of the latest month.
    /// </summary>
    public double? FreshStatementPayment() => LatestCycleFresh ? (double)Math.Max(0m, Cycles[^1].AmountPaid) : null;

    /// <summary>Maximum days past due and number of cycles past due among statements dated after <paramref name="after"/>.</summary>
    public (double? MaxDaysPastDue, double? DelinquentCycles) Delinquency(DateOnly after)
    {
        var count = 0;
        var max = 0;
        var delinquent = 0;
        for (var i = Cycles.Length - 1; i >= 0 && Cycles[i].StatementDate > after; i--)
        {
            count++;
            max = Math.Max(max, Cycles[i].DaysPastDue);
            delinquent += Cycles[i].DaysPastDue > 0 ? 1 : 0;
        }

        return count == 0 ? (null, null) : (max, delinquent);
    }

    /// <summary>The latest statement is at most <see cref="FeatureEngine.StatementFreshDays"/> old (statement figures stand for the latest month).</summary>
    private bool LatestCycleFresh =>
        !Cycles.IsEmpty && AsOfDay.DayNumber - Cycles[^1].StatementDate.DayNumber <= FeatureEngine.StatementFreshDays;

    /// <summary>A statement anchors balances when every transaction after its date is still in the buckets.</summary>
    private bool IsAnchor(CycleSummary statement) =>
        _profile.PrunedThrough is not { } pruned || statement.StatementDate >= pruned;

    private double NetAfter(DateOnly day) => _suffixNet[FirstAfter(day)];

    /// <summary>Index of the first bucket dated after <paramref name="day"/> (the bucket count when none).</summary>
    private int FirstAfter(DateOnly day)
    {
        int lo = 0, hi = Days.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Days[mid].Day <= day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
