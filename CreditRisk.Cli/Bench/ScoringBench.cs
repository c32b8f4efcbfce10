using System.Diagnostics;
using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;

namespace CreditRisk.Cli.Bench;

/// <summary>Single-row ensemble scoring on one thread: a timed loop for throughput, then a pass timing every call.</summary>
internal static class ScoringBench
{
    public static ScoringFigures Run(IRiskModel model, IReadOnlyList<double?[]> vectors, long rows)
    {
        // Warm-up: tiered JIT should reach the optimised code before anything is timed.
        Loop(model, vectors, Math.Min(rows, 50_000), withReasons: false);
        Loop(model, vectors, Math.Min(rows, 20_000), withReasons: true);

        var plain = Throughput(() => Loop(model, vectors, rows, withReasons: false), rows);
        var (p50, p99) = Latencies(model, vectors, Math.Min(rows, 200_000), withReasons: false);
        var reasonRows = Math.Max(rows / 10, 1);
        var reasons = Throughput(() => Loop(model, vectors, reasonRows, withReasons: true), reasonRows);
        var (rp50, rp99) = Latencies(model, vectors, Math.Min(reasonRows, 100_000), withReasons: true);
        return new ScoringFigures(1, rows, plain, p50, p99, reasons, rp50, rp99);
    }

    private static double Throughput(Func<double> loop, long rows)
    {
        var stopwatch = Stopwatch.StartNew();
        var sink = loop();
        GC.KeepAlive(sink);
        return rows / stopwatch.Elapsed.TotalSeconds;
    }

    private static double Loop(IRiskModel model, IReadOnlyList<double?[]> vectors, long rows, bool withReasons)
    {
        var sum = 0.0;
        for (long i = 0; i < rows; i++)
        {
            var vector = vectors[(int)(i % vectors.Count)];
            sum += withReasons ? model.Score(vector).Ensemble : model.Probabilities(vector).Ensemble;
        }

        return sum;
    }

    private static (double P50, double P99) Latencies(IRiskModel model, IReadOnlyList<double?[]> vectors, long rows, bool withReasons)
    {
        var ticks = new long[rows];
        var sum = 0.0;
        for (long i = 0; i < rows; i++)
        {
            var vector = vectors[(int)(i % vectors.Count)];
            var start = Stopwatch.GetTimestamp();
            sum += withReasons ? model.Score(vector).Ensemble : model.Probabilities(vector).Ensemble;
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        GC.KeepAlive(sum);
        Array.Sort(ticks);
        return (Micros(ticks, 0.50), Micros(ticks, 0.99));
    }

    private static double Micros(long[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)] * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>Feature vectors of the portfolio's profiles as of its last day.</summary>
    public static List<double?[]> Vectors(BenchPortfolio portfolio)
    {
        var asOf = new DateTimeOffset(portfolio.End.ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero);
        return [.. portfolio.BaseProfiles().Select(p => FeatureEngine.Compute(p.Profile, p.CreditLimit, asOf))];
    }
}
