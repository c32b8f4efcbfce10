using CreditRisk.Core.Statements;

namespace CreditRisk.Core.Rules;

/// <summary>
/// A customer's past-due position counted to one reference day, the same for every screen that shows it (the
/// high-risk grid and its export, the drill-down, the customer's own page), so none of them can disagree with another
/// or with the past-due rule's reason on the customer's latest assessment.
/// </summary>
/// <param name="AsOf">
/// The day the days past due are counted to (<see cref="ReferenceDay"/>): the latest assessment's data day.
/// </param>
/// <param name="IsToday">Whether <paramref name="AsOf"/> is today (UTC); screens name the day when it is not.</param>
/// <param name="Fact">What is past due on that day, with the rule's own computation; null when nothing is.</param>
public sealed record PastDuePosition(DateOnly AsOf, bool IsToday, PastDueFact? Fact)
{
    /// <summary>Days past due on <see cref="AsOf"/>; 0 when up to date.</summary>
    public int DaysPastDue => Fact?.DaysPastDue ?? 0;

    /// <summary>
    /// The day to count to: the UTC day of the customer's latest assessment's data (<c>AssessedAt</c>), which is the day
    /// the past-due rule wrote its reason for — counting to today instead made the grid read 11 beside a reason saying
    /// 10 whenever the data was a day old. Never after <paramref name="today"/>; today when there is no assessment.
    /// </summary>
    public static DateOnly ReferenceDay(DateTimeOffset? assessedAt, DateOnly today) =>
        assessedAt is { } at && DateOnly.FromDateTime(at.UtcDateTime) is var day && day < today ? day : today;

    /// <summary>
    /// The position from the customer's statements (any order; the latest <see cref="PastDueReader.StatementWindow"/>
    /// are enough, as many as the behaviour profile the rule reads keeps).
    /// </summary>
    public static PastDuePosition Of(IEnumerable<Statement> statements, DateTimeOffset? assessedAt, DateOnly today, int graceDays)
    {
        var day = ReferenceDay(assessedAt, today);
        return new PastDuePosition(day, day == today, PastDueFact.FromStatements(statements, day, graceDays));
    }
}
