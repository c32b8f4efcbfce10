namespace CreditRisk.Core.Features;

/// <summary>Mean and population standard deviation of a few values, shared by every feature that needs them.</summary>
internal static class SpanStatistics
{
    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>Population standard deviation (divides by the count) around <paramref name="mean"/>.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values, double mean)
    {
        double squares = 0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / values.Length);
    }
}
