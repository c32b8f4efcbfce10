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
        var days = CollectionsMarshal.AsSpan(profile.Days);

        // One pass, newest first, converting each stored decimal once: money arithmetic in double is ample for
        // ratios, and decimal arithmetic would cost several times more per feature vector.
        var suffixNet = days.Length < 512 ? stackalloc double[days.Length + 1] : new double[days.Length + 1];
        Span<double> spend = stackalloc double[Periods];
        Span<double> payments = stackalloc double[Periods];
        spend.Clear();
        payments.Clear();
        suffixNet[days.Length] = 0;
        double cash0 = 0;
        int purchases0 = 0, purchases1 = 0;
        for (var i = days.Length - 1; i >= 0; i--)
        {
            ref readonly var day = ref days[i];
            var purchases = (double)day.Purchases;
            var cash = (double)day.CashWithdrawals;
            var paid = (double)day.Payments;
            suffixNet[i] = suffixNet[i + 1] + purchases + cash + (double)day.FeesAndInterest - paid - (double)day.Refunds;

            var age = asOfDay.DayNumber - day.Day.DayNumber;
            if (age < 0 || age >= Periods * WindowDays)
            {
                continue;
            }

            var period = age / WindowDays;
            spend[period] += purchases + cash;
            payments[period] += paid;
            if (period == 0)
            {
                cash0 += cash;
                purchases0 += day.PurchaseCount;
            }
            else if (period == 1)
            {
                purchases1 += day.PurchaseCount;
            }
        }

        var view = new ProfileView(profile, asOfDay, suffixNet);
        var window0Start = asOfDay.AddDays(1 - WindowDays);
        var window1Start = asOfDay.AddDays(1 - (2 * WindowDays));
        var window0Usable = view.SingleWindowUsable(window0Start, asOfDay);
        var window1Usable = view.SingleWindowUsable(window1Start, asOfDay.AddDays(-WindowDays));
        var bothWindowsObserved = view.Observed(window1Start);
        var observedPeriods = view.ObservedPeriods();

        var currentLimit = creditLimit is > 0 ? (double)creditLimit.Value : view.LatestCycleLimit();
        var (balance, overLimit) = view.WalkBalances(asOfDay.AddDays(1 - OverLimitWindowDays), currentLimit);

        destination[FeatureIndex.UtilisationPct] = balance is { } b && currentLimit is { } limit
            ? Math.Max(0d, b) / limit * 100d
            : null;
        destination[FeatureIndex.OverLimitCount90d] = overLimit;
        destination[FeatureIndex.BalanceAmount] = balance is { } owed ? Math.Max(0d, owed) : null;

        Span<double> implied = stackalloc double[ProfileWindow.Cycles];
        var impliedCount = view.ImpliedCycleSpend(implied);

        destination[FeatureIndex.SpendChangePct30d] = bothWindowsObserved && spend[1] > 0
            ? PercentChange(spend[0], spend[1])
            : impliedCount >= 2 && implied[1] > 0 ? PercentChange(implied[0], implied[1]) : null;

        var (mix0, mix1) = window0Usable || window1Usable
            ? MerchantMix.Indexes(days, window1Start, window0Start, asOfDay)
            : (null, null);
        mix0 = window0Usable ? mix0 : null;
        mix1 = window1Usable ? mix1 : null;
        destination[FeatureIndex.MerchantMixIndex30d] = mix0;
        destination[FeatureIndex.MerchantMixChangePct30d] = bothWindowsObserved && mix0 is { } m0 && mix1 is > 0 and var m1
            ? (m0 - m1) / m1 * 100d
            : null;

        destination[FeatureIndex.CashWithdrawalPct30d] = window0Usable && spend[0] > 0 ? cash0 / spend[0] * 100d : null;

        var evaluable = view.EvaluableCycles();
        destination[FeatureIndex.MinDueOnlyStreak] = MinimumDueOnlyStreak(evaluable);
        destination[FeatureIndex.MinDuePaidFreq6c] = MinimumDuePaidFrequency(evaluable);

        destination[FeatureIndex.PaymentRatio] = StatementPaymentRatio(evaluable) ?? view.TransactionPaymentRatio(payments[0]);
        destination[FeatureIndex.PaymentStabilityCv] = StatementPaymentStability(evaluable)
            ?? (observedPeriods >= MinPeriodsForVariation ? CoefficientOfVariation(payments[..observedPeriods]) : null);

        destination[FeatureIndex.SpendVolatilityCv] = observedPeriods >= MinPeriodsForVariation
            ? CoefficientOfVariation(spend[..observedPeriods])
            : impliedCount >= MinPeriodsForVariation ? CoefficientOfVariation(implied[..Math.Min(impliedCount, Periods)]) : null;

        var sixMonthsBefore = asOfDay.AddMonths(-6);
        var (maxDpd, delinquent) = view.Delinquency(sixMonthsBefore);
        destination[FeatureIndex.MaxDpd6m] = maxDpd;
        destination[FeatureIndex.DelinquentCycles6m] = delinquent;

        destination[FeatureIndex.PurchaseCount30d] = window0Usable ? purchases0 : null;
        destination[FeatureIndex.PurchaseCountPrev30d] = window1Usable ? purchases1 : null;
        destination[FeatureIndex.PaymentAmount30d] = window0Usable ? payments[0] : view.FreshStatementPayment();

        destination[FeatureIndex.CreditLimit] = currentLimit;
        StatementHistoryFeatures.Write(view.Cycles, evaluable, sixMonthsBefore, destination[FeatureIndex.UtilisationPct], destination);
    }

    /// <summary>A statement's due date, or <see cref="DefaultGraceDays"/> after its date when it does not carry one.</summary>
    internal static DateOnly DueDateOf(CycleSummary cycle) => cycle.DueDate ?? cycle.StatementDate.AddDays(DefaultGraceDays);

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

    /// <summary>
    /// Whether a cycle shows a payment of at most the minimum due (up to <see cref="MinimumDueTolerance"/> more) and less
    /// than the balance. Paying less than the minimum counts too: it is the same behaviour, only stronger.
    /// </summary>
    internal static bool IsMinimumDueOnly(CycleSummary cycle) =>
        cycle.MinimumDue is > 0 and var minimum
        && cycle.Balance > 0
        && cycle.AmountPaid <= minimum * (1 + MinimumDueTolerance)
        && cycle.AmountPaid < cycle.Balance;

    private static double PercentChange(double current, double previous) => (current - previous) / previous * 100d;

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
        Span<double> ratios = stackalloc double[Periods];
        var count = 0;
        for (var i = Math.Max(0, evaluable.Length - Periods); i < evaluable.Length; i++)
        {
            if (PaymentRatioOf(evaluable[i]) is { } ratio)
            {
                ratios[count++] = ratio;
            }
        }

        return count >= MinPeriodsForVariation ? CoefficientOfVariation(ratios[..count]) : null;
    }

    /// <summary>Population standard deviation over mean; null when the mean is not positive.</summary>
    private static double? CoefficientOfVariation(ReadOnlySpan<double> values)
    {
        var mean = SpanStatistics.Mean(values);
        return mean <= 0 ? null : SpanStatistics.StandardDeviation(values, mean) / mean;
    }
}
