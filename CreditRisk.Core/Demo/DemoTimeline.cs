using CreditRisk.Core.Simulation;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Demo;

/// <summary>
/// Cuts a chunk's simulated history into consecutive slices so the pipeline replays it in time order: everything up to
/// <see cref="HistoryDays"/> before the end, then one slice every <see cref="SliceDays"/> days (four pipeline passes in
/// all: each pass costs a profile read, a score and an assessment write per customer, so more would slow the seed). Each slice gives every customer with activity in it
/// an assessment at their latest event, so the demo has score histories, a 30-day High trend, band migration and
/// escalations at different times rather than one assessment on the last day.
/// </summary>
internal static class DemoTimeline
{
    /// <summary>How far back the weekly replay starts (so a band 30 days ago exists for the migration matrix).</summary>
    public const int HistoryDays = 36;

    public const int SliceDays = 12;

    public static IEnumerable<(List<Transaction> Transactions, List<Statement> Statements)> Slices(
        IReadOnlyCollection<SimulatedCustomer> chunk, DateTimeOffset periodEnd)
    {
        var cuts = Enumerable.Range(0, (HistoryDays / SliceDays) + 1)
            .Select(i => periodEnd.AddDays(-HistoryDays + (i * SliceDays)))
            .ToList();
        cuts[^1] = DateTimeOffset.MaxValue;
        var from = DateTimeOffset.MinValue;
        foreach (var to in cuts)
        {
            var lower = from;
            yield return (
                [.. chunk.SelectMany(c => c.Transactions).Where(t => t.Timestamp >= lower && t.Timestamp < to)],
                [.. chunk.SelectMany(c => c.Statements).Where(s => EndOf(s.StatementDate) >= lower && EndOf(s.StatementDate) < to)]);
            from = to;
        }
    }

    private static DateTimeOffset EndOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
}
