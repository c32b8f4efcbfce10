using CreditRisk.Core.Statements;

namespace CreditRisk.Core.Training;

/// <summary>One observation date of a customer and its outcome.</summary>
public readonly record struct StoreObservation(DateOnly AsOf, bool Bad);

/// <summary>
/// The simulator's label definition (<c>LabelBuilder</c>), applied to a customer's stored statements:
/// <list type="bullet">
/// <item>the first 30+ DPD date is read from the first statement reporting 30 or more days past due: the day its
/// oldest unpaid due date turned 30 days overdue, <c>statement_date − (days_past_due − 30)</c>;</item>
/// <item>observation dates (<c>as_of</c>) are the customer's statement dates with at least
/// <see cref="StoreTrainingOptions.MinimumPriorStatements"/> earlier statements, before the customer was first 30+ DPD
/// (an already delinquent customer is not one the early-warning model is asked about);</item>
/// <item>a date counts only when its whole outcome window is observed: a stored statement is dated on or after
/// <c>as_of + window</c> (statements dated after today are ignored), since only a statement
/// reports how far past due the customer was by then;</item>
/// <item>bad (label 1) when the first 30+ DPD date falls in <c>(as_of, as_of + window]</c>, good otherwise.</item>
/// </list>
/// </summary>
public static class StoreLabelRule
{
    /// <summary>The days past due that make a customer delinquent. Matches labels.csv.</summary>
    public const int DelinquentDaysPastDue = 30;

    /// <summary>The day the customer first reached 30+ DPD according to <paramref name="statements"/>, or null.</summary>
    public static DateOnly? FirstDelinquency(IEnumerable<Statement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return statements.Where(s => s.DaysPastDue >= DelinquentDaysPastDue).MinBy(s => s.StatementDate) is { } first
            ? first.StatementDate.AddDays(DelinquentDaysPastDue - first.DaysPastDue)
            : null;
    }

    /// <summary>The customer's labelled observation dates, oldest first; empty when none has a fully observed window.</summary>
    /// <param name="statements">All of one customer's stored statements, any order.</param>
    /// <param name="outcomeWindowDays">Length of the outcome window in days.</param>
    /// <param name="minimumPriorStatements">Statements needed before an observation date.</param>
    /// <param name="today">The current UTC date: nothing dated later is taken as observed.</param>
    /// <param name="leadDays">
    /// Early-warning lead: a delinquency within this many days of <c>as_of</c> is too close to warn about, so that date is
    /// left out, and the window starts this many days after <c>as_of</c>. 0 (the default) gives labels.csv's definition.
    /// </param>
    public static IReadOnlyList<StoreObservation> Observe(
        IReadOnlyCollection<Statement> statements, int outcomeWindowDays, int minimumPriorStatements, DateOnly today, int leadDays = 0)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentOutOfRangeException.ThrowIfLessThan(outcomeWindowDays, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumPriorStatements);
        ArgumentOutOfRangeException.ThrowIfNegative(leadDays);
        var dates = statements.Where(s => s.StatementDate <= today).OrderBy(s => s.StatementDate).ToList();
        if (dates.Count <= minimumPriorStatements)
        {
            return [];
        }

        var observedThrough = dates[^1].StatementDate;
        var firstDelinquency = FirstDelinquency(dates);
        var observations = new List<StoreObservation>();
        for (var j = minimumPriorStatements; j < dates.Count; j++)
        {
            var asOf = dates[j].StatementDate;
            var windowStart = asOf.AddDays(leadDays);
            var windowEnd = windowStart.AddDays(outcomeWindowDays);
            if (windowEnd > observedThrough || (firstDelinquency is { } already && already <= windowStart))
            {
                break;
            }

            observations.Add(new StoreObservation(asOf, firstDelinquency is { } first && first > windowStart && first <= windowEnd));
        }

        return observations;
    }
}
