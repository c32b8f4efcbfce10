namespace CreditRisk.Core.Simulation;

/// <summary>Calendar effects on spending: the autumn festival season, December holidays, weekends and the salary cycle.</summary>
internal static class SeasonalCalendar
{
    /// <summary>Diwali moves between mid-October and mid-November; a fixed window is close enough for the signals.</summary>
    public static bool IsFestivalSeason(DateOnly date) =>
        date.Month == 10 || (date.Month == 11 && date.Day <= 15);

    public static bool IsDecemberHolidays(DateOnly date) =>
        (date.Month == 12 && date.Day >= 15) || (date.Month == 1 && date.Day <= 5);

    /// <summary>Multiplier on the number of purchases on <paramref name="date"/>.</summary>
    public static double PurchaseRate(DateOnly date)
    {
        var rate = 1.0;
        if (IsFestivalSeason(date))
        {
            rate *= 1.25;
        }
        else if (IsDecemberHolidays(date))
        {
            rate *= 1.15;
        }

        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            rate *= 1.15;
        }

        // Salaries land around the first of the month: spending is higher just after, thinner just before.
        if (date.Day <= 7)
        {
            rate *= 1.15;
        }
        else if (date.Day > DateTime.DaysInMonth(date.Year, date.Month) - 6)
        {
            rate *= 0.88;
        }

        return rate;
    }
}
