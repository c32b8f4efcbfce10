using System.Runtime.InteropServices;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Risk;

namespace CreditRisk.Core.Features;

/// <summary>
/// Turns a <see cref="BehaviorProfile"/> into the fixed, ordered feature vector of <see cref="FeatureNames.Ordered"/>
/// as of a point in time. A feature that cannot be computed is <c>null</c>, never zero.
/// Works from transactions alone, statements alone or both; formulas, units, windows and missing rules are in
/// <c>docs/features.md</c>. Allocation-free after warm-up: results go into a caller-supplied span.
/// </summary>
public static class FeatureEngine
{
    /// <summary>Length of each comparison window, in days.</summary>
    public const int WindowDays = 30;

    /// <summary>Window of <see cref="FeatureNames.OverLimitCount90d"/>, in days.</summary>
    public const int OverLimitWindowDays = 90;

    /// <summary>Number of 30-day periods (or statement cycles) behind the volatility and stability features.</summary>
    public const int Periods = 6;

    /// <summary>Fewest periods or cycles a coefficient of variation is computed from.</summary>
    public const int MinPeriodsForVariation = 3;

    /// <summary>Days after the statement date assumed for the due date when a statement does not carry one.</summary>
    public const int DefaultGraceDays = 25;

    /// <summary>
    /// A statement-derived spend figure is used only when the latest statement is at most this many days old and
    /// consecutive statements are at most this many days apart.
    /// </summary>
    public const int StatementFreshDays = 45;

    /// <summary>A payment up to the minimum due plus this share (10%) still counts as "minimum due only".</summary>
    public const decimal MinimumDueTolerance = 0.10m;

    /// <summary>
    /// The merchant-mix index is entropy divided by ln of this many categories (10), capped at 1: normalising by the
    /// categories actually used would score any evenly spread mix as 1 and hide a collapse from ten categories to two.
    /// </summary>
    public const int MerchantMixReferenceCategories = 10;

    private static readonly double MixNormaliser = Math.Log(MerchantMixReferenceCategories);

    [ThreadStatic]
    private static Dictionary<string, int>? t_categoryCounts;

    /// <summary>Computes the features into a new array (convenience; the span overload does not allocate).</summary>
    public static double?[] Compute(BehaviorProfile profile, decimal? creditLimit, DateTimeOffset asOf)
    {
        var features = new double?[FeatureIndex.Count];
        Compute(profile, creditLimit, asOf, features);
        return features;
    }

    /// <summary>Computes the features of a customer, using <see cref="Customer.CreditLimit"/> as the current limit.</summary>
    public static void Compute(BehaviorProfile profile, Customer? customer, DateTimeOffset asOf, Span<double?> destination) =>
        Compute(profile, customer?.CreditLimit, asOf, destination);

    /// <summary>
    /// Writes the <see cref="FeatureIndex.Count"/> features of <paramref name="profile"/> as of
    /// <paramref name="asOf"/> into <paramref name="destination"/>.
    /// </summary>
    /// <param name="profile">The customer's behaviour profile.</param>
    /// <param name="creditLimit">The current credit limit in the account currency; null or ≤ 0 when unknown, in which case the latest statement's limit is used.</param>
    /// <param name="asOf">The assessment time; its UTC day is the last day of every window.</param>
    /// <param name="destination">At least <see cref="FeatureIndex.Count"/> elements.</param>
    public static void Compute(BehaviorProfile profile, decimal? creditLimit, DateTimeOffset asOf, Span<double?> destination)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (destination.Length < FeatureIndex.Count)
        {
            throw new ArgumentException($"The destination needs {FeatureIndex.Count} elements.", nameof(destination));
        }

        var asOfDay = ProfileUpdater.DayOf(asOf);
        var view = new ProfileView(profile, asOfDay);

        Span<decimal> spend = stackalloc decimal[Periods];
        Span<decimal> payments = stackalloc decimal[Periods];
        spend.Clear();
        payments.Clear();
        decimal cash0 = 0;
        int purchases0 = 0, purchases1 = 0;
        foreach (ref readonly var day in view.Days)
        {
            var age = asOfDay.DayNumber - day.Day.DayNumber;
            if (age < 0 || age >= Periods * WindowDays)
            {
                continue;
            }

            var period = age / WindowDays;
            spend[period] += day.Purchases + day.CashWithdrawals;
            payments[period] += day.Payments;
            if (period == 0)
            {
                cash0 += day.CashWithdrawals;
                purchases0 += day.PurchaseCount;
            }
            else if (period == 1)
            {
                purchases1 += day.PurchaseCount;
            }
        }

        var window0Start = asOfDay.AddDays(1 - WindowDays);
        var window1Start = asOfDay.AddDays(1 - (2 * WindowDays));
        var window0Usable = view.SingleWindowUsable(window0Start, asOfDay);
        var window1Usable = view.SingleWindowUsable(window1Start, asOfDay.AddDays(-WindowDays));
        var bothWindowsObserved = view.Observed(window1Start);
        var observedPeriods = view.ObservedPeriods();

        var currentLimit = creditLimit is > 0 ? creditLimit : view.LatestCycleLimit();
        var (balance, overLimit) = view.WalkBalances(asOfDay.AddDays(1 - OverLimitWindowDays), currentLimit);

        destination[FeatureIndex.UtilisationPct] = balance is { } b && currentLimit is { } limit
            ? (double)(Math.Max(0m, b) / limit * 100m)
            : null;
        destination[FeatureIndex.OverLimitCount90d] = overLimit;

        Span<decimal> implied = stackalloc decimal[ProfileWindow.Cycles];
        var impliedCount = view.ImpliedCycleSpend(implied);

        destination[FeatureIndex.SpendChangePct30d] = bothWindowsObserved && spend[1] > 0
            ? PercentChange(spend[0], spend[1])
            : impliedCount >= 2 && implied[1] > 0 ? PercentChange(implied[0], implied[1]) : null;

        var mix0 = window0Usable ? MerchantMixIndex(view.Days, window0Start, asOfDay) : null;
        var mix1 = window1Usable ? MerchantMixIndex(view.Days, window1Start, asOfDay.AddDays(-WindowDays)) : null;
        destination[FeatureIndex.MerchantMixIndex30d] = mix0;
        destination[FeatureIndex.MerchantMixChangePct30d] = bothWindowsObserved && mix0 is { } m0 && mix1 is > 0 and var m1
            ? (m0 - m1) / m1 * 100d
            : null;

        destination[FeatureIndex.CashWithdrawalPct30d] = window0Usable && spend[0] > 0 ? (double)(cash0 / spend[0] * 100m) : null;

        var evaluable = view.EvaluableCycles();
        destination[FeatureIndex.MinDueOnlyStreak] = MinimumDueOnlyStreak(evaluable);
        destination[FeatureIndex.MinDuePaidFreq6c] = MinimumDuePaidFrequency(evaluable);

        destination[FeatureIndex.PaymentRatio] = StatementPaymentRatio(evaluable) ?? view.TransactionPaymentRatio(payments[0]);
        destination[FeatureIndex.PaymentStabilityCv] = StatementPaymentStability(evaluable)
            ?? (observedPeriods >= MinPeriodsForVariation ? CoefficientOfVariation(payments[..observedPeriods]) : null);

        destination[FeatureIndex.SpendVolatilityCv] = observedPeriods >= MinPeriodsForVariation
            ? CoefficientOfVariation(spend[..observedPeriods])
            : impliedCount >= MinPeriodsForVariation ? CoefficientOfVariation(implied[..Math.Min(impliedCount, Periods)]) : null;

        var (maxDpd, delinquent) = view.Delinquency(asOfDay.AddMonths(-6));
        destination[FeatureIndex.MaxDpd6m] = maxDpd;
        destination[FeatureIndex.DelinquentCycles6m] = delinquent;

        destination[FeatureIndex.PurchaseCount30d] = window0Usable ? purchases0 : null;
        destination[FeatureIndex.PurchaseCountPrev30d] = window1Usable ? purchases1 : null;
    }

    /// <summary>Pairs a vector with <see cref="FeatureNames.Ordered"/> for storage in an assessment.</summary>
    public static List<FeatureValue> ToFeatureValues(ReadOnlySpan<double?> features)
    {
        var values = new List<FeatureValue>(FeatureIndex.Count);
        for (var i = 0; i < FeatureIndex.Count; i++)
        {
            values.Add(new FeatureValue(FeatureNames.Ordered[i], features[i]));
        }

        return values;
    }

    /// <summary>Whether a cycle shows a payment of the minimum due (up to <see cref="MinimumDueTolerance"/> more) but less than the balance.</summary>
    internal static bool IsMinimumDueOnly(CycleSummary cycle) =>
        cycle.MinimumDue is > 0 and var minimum
        && cycle.Balance > 0
        && cycle.AmountPaid >= minimum
        && cycle.AmountPaid <= minimum * (1 + MinimumDueTolerance)
        && cycle.AmountPaid < cycle.Balance;

    private static double PercentChange(decimal current, decimal previous) => (double)((current - previous) / previous * 100m);

    private static double? MinimumDueOnlyStreak(ReadOnlySpan<CycleSummary> evaluable)
    {
        if (evaluable.IsEmpty || evaluable[^1].MinimumDue is null)
        {
            return null;
        }

        var streak = 0;
        for (var i = evaluable.Length - 1; i >= 0 && IsMinimumDueOnly(evaluable[i]); i--)
        {
            streak++;
        }

        return streak;
    }

    private static double? MinimumDuePaidFrequency(ReadOnlySpan<CycleSummary> evaluable)
    {
        int owed = 0, minimumOnly = 0;
        for (var i = Math.Max(0, evaluable.Length - Periods); i < evaluable.Length; i++)
        {
            var cycle = evaluable[i];
            if (cycle.MinimumDue is > 0 && cycle.Balance > 0)
            {
                owed++;
                minimumOnly += IsMinimumDueOnly(cycle) ? 1 : 0;
            }
        }

        return owed == 0 ? null : (double)minimumOnly / owed;
    }

    private static double? StatementPaymentRatio(ReadOnlySpan<CycleSummary> evaluable) =>
        evaluable.IsEmpty ? null : PaymentRatioOf(evaluable[^1]);

    private static double? PaymentRatioOf(CycleSummary cycle) =>
        cycle.Balance > 0 ? (double)Math.Clamp(cycle.AmountPaid / cycle.Balance, 0m, 1m) : null;

    private static double? StatementPaymentStability(ReadOnlySpan<CycleSummary> evaluable)
    {
        Span<decimal> ratios = stackalloc decimal[Periods];
        var count = 0;
        for (var i = Math.Max(0, evaluable.Length - Periods); i < evaluable.Length; i++)
        {
            if (evaluable[i].Balance > 0)
            {
                ratios[count++] = Math.Clamp(evaluable[i].AmountPaid / evaluable[i].Balance, 0m, 1m);
            }
        }

        return count >= MinPeriodsForVariation ? CoefficientOfVariation(ratios[..count]) : null;
    }

    /// <summary>Population standard deviation over mean; null when the mean is not positive.</summary>
    private static double? CoefficientOfVariation(ReadOnlySpan<decimal> values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += (double)value;
        }

        var mean = sum / values.Length;
        if (mean <= 0)
        {
            return null;
        }

        double squares = 0;
        foreach (var value in values)
        {
            var deviation = (double)value - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / values.Length) / mean;
    }

    private static double? MerchantMixIndex(ReadOnlySpan<DailyActivity> days, DateOnly from, DateOnly to)
    {
        var counts = t_categoryCounts ??= new Dictionary<string, int>(StringComparer.Ordinal);
        counts.Clear();
        var total = 0;
        foreach (ref readonly var day in days)
        {
            if (day.Day < from || day.Day > to)
            {
                continue;
            }

            foreach (var (category, count) in day.MerchantCategoryCounts)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, category, out _);
                slot += count;
                total += count;
            }
        }

        if (total == 0)
        {
            return null;
        }

        double entropy = 0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / total;
            entropy -= p * Math.Log(p);
        }

        return Math.Min(1d, entropy / MixNormaliser);
    }
}
