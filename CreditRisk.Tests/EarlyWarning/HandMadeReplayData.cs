using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.EarlyWarning;

/// <summary>
/// Writes a replay data directory of hand-made customers with month-end statements only (limit 10,000; a balance up to
/// 3,000 is paid in full, a higher one not at all), so tests can time the utilisation rule from the balances alone.
/// </summary>
internal static class HandMadeReplayData
{
    /// <param name="directory">Created when missing; the files are overwritten.</param>
    /// <param name="customers">Per customer: the month its statements start (0 = 31 January 2026) and one balance a month.</param>
    /// <param name="delinquency">Rows of delinquency_events.csv, <c>id,yyyy-MM-dd</c>.</param>
    public static void Write(string directory, IReadOnlyDictionary<string, (int FirstMonth, int[] Balances)> customers, params string[] delinquency)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, "customers.csv"), ["customer_id,credit_limit", .. customers.Keys.Select(k => $"{k},10000")]);
        var statements = new List<string> { "customer_id,statement_date,credit_limit,balance,amount_paid,days_past_due" };
        foreach (var (id, (firstMonth, balances)) in customers)
        {
            for (var month = 0; month < balances.Length; month++)
            {
                var date = new DateOnly(2026, firstMonth + month + 2, 1).AddDays(-1);
                var paid = balances[month] <= 3000 ? balances[month] : 0;
                statements.Add($"{id},{date:yyyy-MM-dd},10000,{balances[month]},{paid},0");
            }
        }

        File.WriteAllLines(Path.Combine(directory, "statements.csv"), statements);
        File.WriteAllLines(Path.Combine(directory, "delinquency_events.csv"), ["customer_id,first_30dpd_date", .. delinquency]);
    }

    /// <summary>
    /// The service that replays such data: no champion unless the store has one, every rule on one reading, utilisation
    /// judged for every customer (the hand-made balances say nothing of revolving), as of <paramref name="today"/>.
    /// </summary>
    public static EarlyWarningService Service(ICreditRiskStore store, TimeProvider today)
    {
        var rules = Risk.PipelineHarness.SingleReadingRules();
        rules.UtilisationRevolvingOnly = false;
        return new(
            store.Models,
            store.Settings,
            Options.Create(rules),
            Options.Create(new BandingOptions()),
            Options.Create(new RiskPipelineOptions()),
            NullLoggerFactory.Instance,
            today);
    }
}
