using CreditRisk.Core.Features;
using CreditRisk.Core.Statements;

namespace CreditRisk.Core.Training;

/// <summary>
/// Builds one feature vector per label row from data strictly before its <c>as_of</c> date, replaying each
/// customer's history once in time order through <see cref="ProfileUpdater"/> (the live code path, see
/// <see cref="HistoryReplay"/>):
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
        var replay = new HistoryReplay(customer);
        foreach (var label in customer.Labels.OrderBy(l => l.AsOf))
        {
            replay.AdvanceTo(label.AsOf);
            rows[label.Index] = new LabeledRow(customer.Id, label.AsOf, label.Label, replay.Features(label.AsOf));
        }
    }
}
