using System.Runtime.InteropServices;

namespace CreditRisk.Core.Features;

/// <summary>
/// Read-only helpers over one profile as of one day, shared by the feature computations: which windows the
/// transaction history covers, balances on given days, statement cycles usable for payment features.
/// </summary>
internal readonly ref struct ProfileView
{
    private readonly BehaviorProfile _profile;
    private readonly DateOnly? _observedFrom;

    public ProfileView(BehaviorProfile profile, DateOnly asOfDay)
    {
        _profile = profile;
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

    public static decimal Net(in DailyActivity day) =>
        day.Purchases + day.CashWithdrawals + day.FeesAndInterest - day.Payments - day.Refunds;

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

    public decimal? LatestCycleLimit() => Cycles.Length > 0 && Cycles[^1].CreditLimit > 0 ? Cycles[^1].CreditLimit : null;

    /// <summary>
    /// End-of-day balance on <paramref name="day"/>: the latest statement's closing balance plus the net transactions
    /// after it, or else the transaction running balance; null when neither is known.
    /// </summary>
    public decimal? BalanceAt(DateOnly day)
    {
        var index = Cycles.Length - 1;
        while (index >= 0 && Cycles[index].StatementDate > day)
        {
            index--;
        }

        if (index >= 0 && IsAnchor(Cycles[index]))
        {
            var statement = Cycles[index];
            return statement.Balance + NetAfter(statement.StatementDate) - NetAfter(day);
        }

        if (_profile.FirstTransactionDay is { } first && day >= first
            && (_profile.PrunedThrough is not { } pruned || day >= pruned))
        {
            return _profile.NetBalance - NetAfter(day);
        }

        return null;
    }

    /// <summary>
    /// Walks end-of-day balances from <paramref name="windowStart"/> to <see cref="AsOfDay"/> over the days with a
    /// transaction or statement, plus the as-of day itself. Returns the balance on the as-of day and how many of those
    /// days ended above the limit (null when no day had both a balance and a limit).
    /// </summary>
    public (decimal? BalanceAsOf, double? OverLimitDays) WalkBalances(DateOnly windowStart, decimal? currentLimit)
    {
        var balance = BalanceAt(windowStart.AddDays(-1));
        var dayIndex = 0;
        while (dayIndex < Days.Length && Days[dayIndex].Day < windowStart)
        {
            dayIndex++;
        }

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
                balance = balance is { } known ? known + Net(Days[dayIndex]) : BalanceAt(next);
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
                    balance = statement.Balance;
                }

                if (statement.CreditLimit > 0)
                {
                    limit = statement.CreditLimit;
                }
            }

            if (balance is { } b && limit is { } l)
            {
                any = true;
                overLimit += b > l ? 1 : 0;
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
    public int ImpliedCycleSpend(Span<decimal> implied)
    {
        if (Cycles.Length < 2 || AsOfDay.DayNumber - Cycles[^1].StatementDate.DayNumber > FeatureEngine.StatementFreshDays)
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

            implied[count++] = Math.Max(0m, current.Balance - previous.Balance + previous.AmountPaid);
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

        var latest = Cycles[^1];
        var due = latest.DueDate ?? latest.StatementDate.AddDays(FeatureEngine.DefaultGraceDays);
        return due < AsOfDay ? Cycles : Cycles[..^1];
    }

    /// <summary>Payments of the last 30 days over the balance the day before they started, clamped to [0, 1].</summary>
    public double? TransactionPaymentRatio(decimal paymentsLast30Days)
    {
        if (!Observed(AsOfDay.AddDays(1 - FeatureEngine.WindowDays)))
        {
            return null;
        }

        return BalanceAt(AsOfDay.AddDays(-FeatureEngine.WindowDays)) is > 0 and var opening
            ? (double)Math.Clamp(paymentsLast30Days / opening, 0m, 1m)
            : null;
    }

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

    /// <summary>A statement anchors balances when every transaction after its date is still in the buckets.</summary>
    private bool IsAnchor(CycleSummary statement) =>
        _profile.PrunedThrough is not { } pruned || statement.StatementDate >= pruned;

    private decimal NetAfter(DateOnly day)
    {
        decimal net = 0;
        for (var i = Days.Length - 1; i >= 0 && Days[i].Day > day; i--)
        {
            net += Net(Days[i]);
        }

        return net;
    }
}
