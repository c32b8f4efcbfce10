using System.Globalization;
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
            if (FeatureEngine.DueDateOf(cycles[i]) < day)
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
/// <param name="OverdueAmount">
/// The unpaid part of the newest missed statement's minimum due, which carries the earlier missed minimums (null when
/// only the bank's days past due tell).
/// </param>
/// <param name="DaysPastDue">Days since the due date, or as reported and carried forward, whichever is more.</param>
public sealed record PastDueFact(DateOnly StatementDate, DateOnly DueDate, decimal? OverdueAmount, int DaysPastDue)
{
    /// <summary>Days past due that make a customer delinquent whatever else is known.</summary>
    public const int DelinquentDays = 30;

    /// <summary>
    /// The past-due rule's reason, "2,000.00 of the minimum due is 9 days overdue (due 3 Nov 2026)": written by the rule
    /// at assessment time and by the drill-down for today, so both read the same wording and, on the same day, the same days.
    /// </summary>
    public string Reason => OverdueAmount is { } amount
        ? string.Create(CultureInfo.InvariantCulture, $"{amount:#,0.00} of the minimum due is {DaysPastDue} days overdue (due {DueDate:d MMM yyyy})")
        : string.Create(CultureInfo.InvariantCulture, $"The account is {DaysPastDue} days past due (statement of {StatementDate:d MMM yyyy})");

    /// <summary>
    /// The past-due position as of <paramref name="day"/> from the statements dated on or before it: the run of latest
    /// statements whose due date (plus <paramref name="graceDays"/>) has passed with less than the minimum paid, counted
    /// from the oldest of them; or the bank's own days past due when a statement reports 30 or more. A single missed
    /// payment is under 30 days past due until the next due date also passes unpaid (monthly cycles), so a customer who
    /// misses one payment and makes it up at the next due date is never counted delinquent here, as a bank would not.
    /// </summary>
    /// <summary>
    /// The same past-due position from stored statements (any order), for every screen that shows days past due
    /// (through <see cref="PastDuePosition"/> and <see cref="PastDueReader"/>, counted to the day the rule's reason was
    /// written for), so screens and the rule read the same number. Only statements dated on or before
    /// <paramref name="day"/> count, as for the rules.
    /// </summary>
    public static PastDueFact? FromStatements(IEnumerable<Statements.Statement> statements, DateOnly day, int graceDays)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var cycles = statements
            .Where(s => s.StatementDate <= day)
            .OrderBy(s => s.StatementDate)
            .Select(ProfileUpdater.ToCycle)
            .ToList();
        return Find(cycles, day, graceDays);
    }

    internal static PastDueFact? Find(IReadOnlyList<CycleSummary> cycles, DateOnly day, int graceDays)
    {
        CycleSummary? oldestUnpaid = null;
        decimal overdue = 0;
        var run = 0;
        for (var i = cycles.Count - 1; i >= 0; i--)
        {
            var cycle = cycles[i];
            if (day.DayNumber - FeatureEngine.DueDateOf(cycle).DayNumber <= graceDays)
            {
                if (run > 0)
                {
                    break;
                }

                continue; // not due yet: its outcome is not known
            }

            if (cycle.MinimumDue is not (> 0 and var minimum) || cycle.AmountPaid >= minimum)
            {
                break;
            }

            // What is overdue is the newest missed statement's shortfall alone: a statement's minimum due carries the
            // earlier unpaid minimums (docs/data-formats.md), so adding each missed statement's shortfall counted the
            // oldest arrears once per statement since (a customer owing 18,116.44 was asked for 35,699.55).
            if (run == 0)
            {
                overdue = minimum - cycle.AmountPaid;
            }

            run++;
            oldestUnpaid = cycle;
        }

        var latest = cycles.Count > 0 ? cycles[^1] : null;
        var reported = latest is { DaysPastDue: >= DelinquentDays } ? latest.DaysPastDue + (day.DayNumber - latest.StatementDate.DayNumber) : 0;
        if (oldestUnpaid is null)
        {
            return reported > 0 ? new PastDueFact(latest!.StatementDate, FeatureEngine.DueDateOf(latest), null, reported) : null;
        }

        var due = FeatureEngine.DueDateOf(oldestUnpaid);
        var sinceDue = day.DayNumber - due.DayNumber;
        var days = Math.Max(reported, run >= 2 ? sinceDue : Math.Min(sinceDue, DelinquentDays - 1));
        return new PastDueFact(oldestUnpaid.StatementDate, due, overdue, days);
    }
}
