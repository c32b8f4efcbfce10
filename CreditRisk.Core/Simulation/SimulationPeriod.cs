namespace CreditRisk.Core.Simulation;

/// <summary>
/// The simulated months. Day indices count from <see cref="Start"/>; statement <c>j</c> closes the month
/// [End − (M − j + 1) months, End − (M − j) months), so the windows tile the period without gaps.
/// </summary>
internal sealed class SimulationPeriod
{
    private SimulationPeriod(DateOnly start, DateOnly end, DateOnly[] statementDates)
    {
        Start = start;
        End = end;
        StatementDates = statementDates;
    }

    /// <summary>First day of the period.</summary>
    public DateOnly Start { get; }

    /// <summary>Exclusive end: nothing happens on or after this date.</summary>
    public DateOnly End { get; }

    public int Days => End.DayNumber - Start.DayNumber;

    /// <summary>Opening statement (the day before <see cref="Start"/>) followed by one statement per month; the last is End − 1 day.</summary>
    public IReadOnlyList<DateOnly> StatementDates { get; }

    public static SimulationPeriod Create(DateOnly end, int months)
    {
        var statements = new DateOnly[months + 1];
        for (var j = 0; j <= months; j++)
        {
            statements[j] = end.AddMonths(j - months).AddDays(-1);
        }

        return new SimulationPeriod(end.AddMonths(-months), end, statements);
    }

    public int DayIndex(DateOnly date) => date.DayNumber - Start.DayNumber;

    public DateOnly DateOf(int day) => Start.AddDays(day);
}
