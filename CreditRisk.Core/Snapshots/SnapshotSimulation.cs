using System.Globalization;
using CreditRisk.Core.Features;
using CreditRisk.Core.Simulation;
using CreditRisk.Core.Training;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// Turns a simulated portfolio into a customer-level snapshot file (<c>simulate --snapshot</c>): each customer's
/// features as the bank knew them on the snapshot day (replayed through the live feature engine, as for training),
/// in the snapshot's units, and the DPD bucket of the worst statement dated in the following month. A feature the
/// history cannot give (no balance, no spend) is written as its neutral value: utilisation, cash share, spend change,
/// merchant mix and minimum-due frequency 0, payment ratio 100 — a snapshot has no empty cells.
/// </summary>
public static class SnapshotSimulation
{
    /// <summary>The default snapshot day: one month before the period's exclusive end, so the next month is simulated.</summary>
    public static DateOnly DefaultAsOf(DateOnly periodEnd) => periodEnd.AddMonths(-1);

    /// <summary>Writes the header and one row per customer; returns the rows and how many have a DPD bucket ≥ 1.</summary>
    public static (int Rows, int Delinquent) Write(IEnumerable<SimulatedCustomer> customers, DateOnly asOf, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Join(",", SnapshotColumns.Ordered));
        int rows = 0, delinquent = 0;
        foreach (var simulated in customers)
        {
            var snapshot = From(simulated, asOf);
            output.WriteLine(Row(snapshot));
            rows++;
            delinquent += snapshot.DpdBucketNextMonth >= 1 ? 1 : 0;
        }

        return (rows, delinquent);
    }

    /// <summary>One customer's snapshot as of <paramref name="asOf"/>.</summary>
    public static CustomerSnapshot From(SimulatedCustomer simulated, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        var history = new CustomerHistory(simulated.Customer.Id, simulated.Customer.CreditLimit);
        history.Transactions.AddRange(simulated.Transactions.Select(CompactTransaction.From));
        history.Statements.AddRange(simulated.Statements);
        var replay = new HistoryReplay(history);
        replay.AdvanceTo(asOf);
        var f = replay.Features(asOf);
        var nextMonth = asOf.AddMonths(1);
        var worstDpd = simulated.Statements
            .Where(s => s.StatementDate >= asOf && s.StatementDate < nextMonth)
            .Select(s => s.DaysPastDue)
            .DefaultIfEmpty(0)
            .Max();
        return new CustomerSnapshot
        {
            CustomerId = simulated.Customer.Id,
            AsOf = asOf,
            CreditLimit = replay.CreditLimit ?? simulated.Customer.CreditLimit,
            UtilisationPct = Math.Round(Math.Clamp(f[FeatureIndex.UtilisationPct] ?? 0, 0, 1000), 1),
            AvgPaymentRatioPct = Math.Round(Math.Clamp((f[FeatureIndex.PaymentRatio] ?? 1) * 100, 0, 1000), 1),
            MinDuePaidFrequencyPct = Math.Round(Math.Clamp((f[FeatureIndex.MinDuePaidFreq6c] ?? 0) * 100, 0, 100), 1),
            MerchantMixIndex = Math.Round(Math.Clamp(f[FeatureIndex.MerchantMixIndex30d] ?? 0, 0, 1), 3),
            CashWithdrawalPct = Math.Round(Math.Clamp(f[FeatureIndex.CashWithdrawalPct30d] ?? 0, 0, 100), 1),
            RecentSpendChangePct = Math.Round(Math.Clamp(f[FeatureIndex.SpendChangePct30d] ?? 0, -100, 10_000), 1),
            DpdBucketNextMonth = Bucket(worstDpd),
        };
    }

    /// <summary>0 current, 1 for 1–30 days past due, 2 for 31–60, 3 for 61 or more.</summary>
    public static int Bucket(int daysPastDue) => daysPastDue switch
    {
        <= 0 => 0,
        <= 30 => 1,
        <= 60 => 2,
        _ => 3,
    };

    private static string Row(CustomerSnapshot s)
    {
        var c = CultureInfo.InvariantCulture;
        return string.Join(",",
            s.CustomerId,
            s.CreditLimit.ToString("0.##", c),
            s.UtilisationPct.ToString("0.#", c),
            s.AvgPaymentRatioPct.ToString("0.#", c),
            s.MinDuePaidFrequencyPct.ToString("0.#", c),
            s.MerchantMixIndex.ToString("0.###", c),
            s.CashWithdrawalPct.ToString("0.#", c),
            s.RecentSpendChangePct.ToString("0.#", c),
            (s.DpdBucketNextMonth ?? 0).ToString(c));
    }
}
