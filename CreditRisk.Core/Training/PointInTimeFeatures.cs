using CreditRisk.Core.Features;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Training;

/// <summary>
/// Builds one feature vector per label row from data strictly before its <c>as_of</c> date, replaying each
/// customer's history once in time order through <see cref="ProfileUpdater"/> (the live code path):
/// <list type="bullet">
/// <item>transactions with a timestamp before <c>as_of</c> 00:00 UTC;</item>
/// <item>statements dated before <c>as_of</c>, seen as the bank knew them then: a payment made on or after
/// <c>as_of</c> (<c>paid_on</c> ≥ <c>as_of</c>) is not yet known, so the statement shows nothing paid;</item>
/// <item>the assessment time is the last millisecond before <c>as_of</c>, so every window ends the day before;</item>
/// <item>the credit limit is the latest statement's before <c>as_of</c>, or the customer file's when there is none
/// yet (customers.csv holds today's limit, which may postdate <c>as_of</c>).</item>
/// </list>
/// Nothing dated on or after <c>as_of</c> can change a vector (tested).
/// </summary>
public static class PointInTimeFeatures
{
    /// <summary>Rows in labels.csv order.</summary>
    public static IReadOnlyList<LabeledRow> Build(LabeledHistory history)
    {
        var rows = new LabeledRow[history.LabelCount];
        Parallel.ForEach(
            history.Customers.Values.Where(c => c.Labels.Count > 0),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            customer => BuildCustomer(customer, rows));
        return rows;
    }

    /// <summary>How a statement looked on <paramref name="asOf"/>: payments on or after that day not yet made.</summary>
    public static Statement AsKnownOn(Statement statement, DateOnly asOf) =>
        statement.PaidOn is { } paidOn && paidOn >= asOf
            ? statement with { AmountPaid = 0m, PaidOn = null }
            : statement;

    /// <summary>The assessment time used for a label dated <paramref name="asOf"/>: the last millisecond before it (UTC).</summary>
    public static DateTimeOffset AssessmentTime(DateOnly asOf) =>
        new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMilliseconds(-1);

    private static void BuildCustomer(CustomerHistory customer, LabeledRow[] rows)
    {
        var transactions = customer.Transactions.OrderBy(t => t.UtcTicks).ToList();
        var statements = customer.Statements.OrderBy(s => s.StatementDate).ToList();
        var labels = customer.Labels.OrderBy(l => l.AsOf).ToList();

        var profile = ProfileUpdater.Empty(customer.Id);
        var txBatch = new List<Transaction>();
        var stBatch = new List<Statement>();
        var notYetPaid = new List<Statement>(); // applied while a payment was still in the future
        int t = 0, s = 0;
        foreach (var label in labels)
        {
            var cutoffTicks = label.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
            txBatch.Clear();
            stBatch.Clear();
            while (t < transactions.Count && transactions[t].UtcTicks < cutoffTicks)
            {
                txBatch.Add(transactions[t++].ToTransaction(customer.Id));
            }

            for (var i = notYetPaid.Count - 1; i >= 0; i--)
            {
                var known = AsKnownOn(notYetPaid[i], label.AsOf);
                if (!ReferenceEquals(known, notYetPaid[i]))
                {
                    continue; // still unpaid as of this label: the profile already holds this view
                }

                stBatch.Add(known);
                notYetPaid.RemoveAt(i);
            }

            while (s < statements.Count && statements[s].StatementDate < label.AsOf)
            {
                var statement = statements[s++];
                var known = AsKnownOn(statement, label.AsOf);
                if (!ReferenceEquals(known, statement))
                {
                    notYetPaid.Add(statement);
                }

                stBatch.Add(known);
            }

            profile = ProfileUpdater.Apply(profile, txBatch, stBatch);
            decimal? limit = s > 0 ? statements[s - 1].CreditLimit : customer.CreditLimit;
            var features = FeatureEngine.Compute(profile, limit, AssessmentTime(label.AsOf));
            rows[label.Index] = new LabeledRow(customer.Id, label.AsOf, label.Label, features);
        }
    }
}
