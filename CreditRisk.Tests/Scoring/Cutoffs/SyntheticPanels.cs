using CreditRisk.Core.Scoring.Cutoffs;

namespace CreditRisk.Tests.Scoring.Cutoffs;

/// <summary>
/// Seeded monthly panels: each customer has a lasting risk level plus a month-to-month swing that half persists
/// (an AR(1) on the log-odds), and goes bad with that month's probability.
/// </summary>
internal static class SyntheticPanels
{
    public static List<PanelRow> Create(int customers, int months, int seed)
    {
        var random = new Random(seed);
        var rows = new List<PanelRow>(customers * months);
        for (var c = 0; c < customers; c++)
        {
            var id = $"C{c:D5}";
            var level = -4 + (1.2 * Normal(random));
            var swing = 0d;
            for (var m = 0; m < months; m++)
            {
                swing = (0.5 * swing) + (0.8 * Normal(random));
                var p = 1 / (1 + Math.Exp(-(level + swing)));
                rows.Add(new PanelRow(id, new DateOnly(2026, 1, 31).AddMonths(m), Math.Round(p, 6), random.NextDouble() < p));
            }
        }

        return rows;
    }

    /// <summary>Escalations into High counted the slow way: per customer in date order, High after not-High (or first).</summary>
    public static int Escalations(IEnumerable<PanelRow> rows, double cutoff) => rows
        .GroupBy(r => r.CustomerId)
        .Sum(g =>
        {
            var count = 0;
            var previous = false;
            foreach (var row in g.OrderBy(r => r.AsOf))
            {
                var high = row.Probability >= cutoff;
                count += high && !previous ? 1 : 0;
                previous = high;
            }

            return count;
        });

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
