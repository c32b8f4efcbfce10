using CreditRisk.Core.Features;

namespace CreditRisk.Core.Rules;

/// <summary>
/// What the rules need from a customer's history beyond the feature vector, as of one day: money amounts behind the
/// share-based rules (a 60% cash share of a tiny spend is not a signal), whether the customer revolves, and whether
/// a statement is past due.
/// </summary>
/// <param name="CashWithdrawn30d">Cash withdrawn in the 30 days ending on the day; null without transactions then.</param>
/// <param name="SpendPrevious30d">Purchases and cash in the 30 days before those; null without transactions then.</param>
/// <param name="Revolving">
/// Whether the customer carried a balance from the latest statement whose due date has passed (paid less than its
/// balance); null when no statement has reached its due date.
/// </param>
/// <param name="PastDue">The past-due statement, when there is one.</param>
public readonly record struct RuleFacts(double? CashWithdrawn30d, double? SpendPrevious30d, bool? Revolving, PastDueFact? PastDue)
{
    /// <summary>Nothing known: every amount gate passes and no fact applies (a bare feature vector).</summary>
    public static RuleFacts Unknown => default;

    /// <summary>Reads the facts of <paramref name="profile"/> as of <paramref name="asOf"/> (its UTC day).</summary>
    public static RuleFacts From(BehaviorProfile profile, DateTimeOffset asOf, int pastDueGraceDays)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var day = DateOnly.FromDateTime(asOf.UtcDateTime);
        var window0Start = day.AddDays(1 - FeatureEngine.WindowDays);
        var window1Start = day.AddDays(1 - (2 * FeatureEngine.WindowDays));
        double cash = 0, previous = 0;
        foreach (var activity in profile.Days)
        {
            if (activity.Day > day || activity.Day < window1Start)
            {
                continue;
            }

            if (activity.Day >= window0Start)
            {
                cash += (double)activity.CashWithdrawals;
            }
            else
            {
                previous += (double)(activity.Purchases + activity.CashWithdrawals);
            }
        }

        var observed = profile.FirstTransactionDay is { } first && first <= day;
        var cycles = profile.Cycles.Where(c => c.StatementDate <= day).ToList();
        return new RuleFacts(
            observed ? cash : null,
            observed && profile.FirstTransactionDay <= window1Start ? previous : null,
            RevolvingOf(cycles, day),
            PastDueFact.Find(cycles, day, pastDueGraceDays));
    }

    private static bool? RevolvingOf(List<CycleSummary> cycles, DateOnly day)
    {
        for (var i = cycles.Count - 1; i >= 0; i--)
        {
            if (PastDueFact.DueDateOf(cycles[i]) < day)
            {
                return cycles[i].Balance > 0 && cycles[i].AmountPaid < cycles[i].Balance;
            }
        }

        return null;
    }
}

/// <summary>A statement past due: what is overdue and for how long.</summary>
/// <param name="StatementDate">The statement that is overdue.</param>
/// <param name="DueDate">Its due date.</param>
/// <param name="OverdueAmount">The unpaid part of its minimum due (null when only the bank's days past due tell).</param>
/// <param name="DaysPastDue">Days since the due date, or as reported and carried forward, whichever is more.</param>
public sealed record PastDueFact(DateOnly StatementDate, DateOnly DueDate, decimal? OverdueAmount, int DaysPastDue)
{
    /// <summary>Days past due that make a customer delinquent whatever else is known.</summary>
    public const int DelinquentDays = 30;

    internal static DateOnly DueDateOf(CycleSummary cycle) =>
        cycle.DueDate ?? cycle.StatementDate.AddDays(FeatureEngine.DefaultGraceDays);

    /// <summary>
    /// The latest statement (dated on or before <paramref name="day"/>) that is past due: its minimum due was not paid
    /// by its due date plus <paramref name="graceDays"/>, or the bank reports it 30+ days past due.
    /// </summary>
    internal static PastDueFact? Find(IReadOnlyList<CycleSummary> cycles, DateOnly day, int graceDays)
    {
        for (var i = cycles.Count - 1; i >= 0; i--)
        {
            var cycle = cycles[i];
            var due = DueDateOf(cycle);
            var sinceDue = day.DayNumber - due.DayNumber;
            var reported = cycle.DaysPastDue >= DelinquentDays ? cycle.DaysPastDue + (day.DayNumber - cycle.StatementDate.DayNumber) : 0;
            var unpaid = cycle.MinimumDue is > 0 and var minimum && cycle.AmountPaid < minimum ? minimum - cycle.AmountPaid : (decimal?)null;
            if ((unpaid is not null && sinceDue > graceDays) || reported > 0)
            {
                return new PastDueFact(cycle.StatementDate, due, unpaid, Math.Max(reported, Math.Max(0, sinceDue)));
            }

            if (sinceDue > 0)
            {
                // The latest statement whose due date has passed was paid: older ones are history, not a current fact.
                return null;
            }
        }

        return null;
    }
}
