namespace CreditRisk.Core.Features;

/// <summary>
/// The shape of the recent statement cycles, the way a bank's monthly warehouse sees a customer: the latest delay,
/// statement utilisation now against its six-month mean, maximum, trend and volatility, the average share of each
/// bill paid, bills left wholly unpaid, and the last payment against the limit. Statement-only: a portfolio without
/// statements leaves these missing. Formulas in <c>docs/features.md</c>; written by <see cref="FeatureEngine"/>.
/// </summary>
internal static class StatementHistoryFeatures
{
    /// <summary>Fewest statements behind a trend or a volatility.</summary>
    public const int MinStatementsForShape = 3;

    /// <summary>Writes the statement-history features; <paramref name="currentUtilisation"/> is <c>utilisation_pct</c>.</summary>
    /// <param name="cycles">Statements dated on or before the as-of day, oldest first.</param>
    /// <param name="evaluable">Those whose payment outcome is known (see <see cref="ProfileView.EvaluableCycles"/>).</param>
    /// <param name="windowStart">Statements dated after this day count (the same six months as <c>max_dpd_6m</c>).</param>
    /// <param name="currentUtilisation">Today's utilisation, compared with the statements' mean.</param>
    /// <param name="destination">The feature vector.</param>
    public static void Write(
        ReadOnlySpan<CycleSummary> cycles, ReadOnlySpan<CycleSummary> evaluable, DateOnly windowStart, double? currentUtilisation, Span<double?> destination)
    {
        Span<double> utilisation = stackalloc double[ProfileWindow.Cycles];
        var count = 0;
        CycleSummary? latest = null;
        for (var i = cycles.Length - 1; i >= 0 && cycles[i].StatementDate > windowStart && count < FeatureEngine.Periods; i--)
        {
            latest ??= cycles[i];
            if (cycles[i].CreditLimit > 0)
            {
                utilisation[count++] = (double)Math.Max(0m, cycles[i].Balance) / (double)cycles[i].CreditLimit * 100d;
            }
        }

        // Collected newest first; the trend is fitted oldest first.
        var recent = utilisation[..count];
        recent.Reverse();
        destination[FeatureIndex.DpdLatest] = latest?.DaysPastDue;
        var mean = count > 0 ? SpanStatistics.Mean(recent) : (double?)null;
        destination[FeatureIndex.UtilisationMean6c] = mean;
        destination[FeatureIndex.UtilisationMax6c] = count > 0 ? Max(recent) : null;
        destination[FeatureIndex.UtilisationVsMean6c] = currentUtilisation is { } now && mean is { } m ? now - m : null;
        destination[FeatureIndex.BillTrend6c] = count >= MinStatementsForShape ? Slope(recent) : null;
        destination[FeatureIndex.BillVolatility6c] = count >= MinStatementsForShape ? SpanStatistics.StandardDeviation(recent, mean!.Value) : null;
        WritePayments(evaluable, windowStart, destination);
    }

    private static void WritePayments(ReadOnlySpan<CycleSummary> evaluable, DateOnly windowStart, Span<double?> destination)
    {
        double ratioSum = 0;
        int billed = 0, unpaid = 0;
        for (var i = evaluable.Length - 1; i >= 0 && evaluable[i].StatementDate > windowStart && evaluable.Length - i <= FeatureEngine.Periods; i--)
        {
            var cycle = evaluable[i];
            if (cycle.Balance > 0)
            {
                billed++;
                ratioSum += (double)Math.Clamp(cycle.AmountPaid / cycle.Balance, 0m, 1m);
                unpaid += cycle.AmountPaid <= 0 ? 1 : 0;
            }
        }

        destination[FeatureIndex.PaymentRatioMean6c] = billed > 0 ? ratioSum / billed : null;
        destination[FeatureIndex.UnpaidCycles6c] = billed > 0 ? unpaid : null;
        destination[FeatureIndex.PaymentToLimitPct] = !evaluable.IsEmpty && evaluable[^1].StatementDate > windowStart && evaluable[^1].CreditLimit > 0
            ? (double)Math.Max(0m, evaluable[^1].AmountPaid) / (double)evaluable[^1].CreditLimit * 100d
            : null;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.MinValue;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
    }

    /// <summary>Least-squares slope against the statement's position (0, 1, 2, …): percentage points a cycle.</summary>
    private static double Slope(ReadOnlySpan<double> values)
    {
        var meanX = (values.Length - 1) / 2d;
        var meanY = SpanStatistics.Mean(values);
        double covariance = 0, variance = 0;
        for (var i = 0; i < values.Length; i++)
        {
            covariance += (i - meanX) * (values[i] - meanY);
            variance += (i - meanX) * (i - meanX);
        }

        return covariance / variance;
    }
}
