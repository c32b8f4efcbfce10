using System.Globalization;
using System.Text;
using CreditRisk.Core.Snapshots;

namespace CreditRisk.Tests.Snapshots;

/// <summary>Snapshot files for tests: the documented header and seeded rows whose DPD bucket depends on the columns.</summary>
internal static class SnapshotSamples
{
    public static readonly string Header = string.Join(",", SnapshotColumns.Ordered);

    /// <summary>
    /// <paramref name="rows"/> customers <c>{prefix}0001</c>…; the chance of a DPD bucket ≥ 1 rises with utilisation,
    /// minimum-due frequency and cash share and falls with the payment ratio, so a model has something to learn.
    /// </summary>
    public static string Csv(int rows, int seed = 1, string prefix = "S")
    {
        var random = new Random(seed);
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= rows; i++)
        {
            var utilisation = random.NextDouble() * 110;
            var payment = random.NextDouble() * 100;
            var minDue = random.NextDouble() * 100;
            var mix = random.NextDouble();
            var cash = random.NextDouble() * 60;
            var spend = (random.NextDouble() * 160) - 80;
            var logit = -4 + (0.03 * utilisation) - (0.02 * payment) + (0.02 * minDue) + (0.03 * cash) - (0.01 * spend);
            var bad = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            var bucket = bad ? 1 + random.Next(3) : 0;
            text.Append(CultureInfo.InvariantCulture, $"{prefix}{i:D4},{50_000 + (1000 * random.Next(100))},{utilisation:0.0},{payment:0.0},{minDue:0.0},{mix:0.000},{cash:0.0},{spend:0.0},{bucket}\n");
        }

        return text.ToString();
    }

    /// <summary>One row in the documented column order.</summary>
    public static string Row(string id, string limit = "100000", string utilisation = "45.5", string payment = "60", string minDue = "20",
        string mix = "0.55", string cash = "5", string spend = "-10", string bucket = "0") =>
        string.Join(",", id, limit, utilisation, payment, minDue, mix, cash, spend, bucket);
}
