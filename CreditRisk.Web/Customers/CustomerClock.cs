using System.Globalization;

namespace CreditRisk.Web.Customers;

/// <summary>
/// Times on the customer's own pages in their time zone (the record's, else the bank's `Alerts:TimeZone`, as their
/// quiet hours): a purchase at 01:30 in Kolkata on 1 Dec read "30 Nov", and messages read in UTC.
/// </summary>
public sealed record CustomerClock(TimeZoneInfo Zone, DateTimeOffset Now)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A day in a list: "30 Nov" this year, "31 Dec 2025" another year (it read as a day to come).</summary>
    public string Day(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        return local.Year == TimeZoneInfo.ConvertTime(Now, Zone).Year ? local.ToString("d MMM", Invariant) : local.ToString("d MMM yyyy", Invariant);
    }

    /// <summary>A date with its year: "7 Dec 2026".</summary>
    public string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("d MMM yyyy", Invariant);

    /// <summary>The first day of the month <paramref name="at"/> falls in, in the customer's zone.</summary>
    public DateOnly MonthOf(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        return new DateOnly(local.Year, local.Month, 1);
    }

    /// <summary>
    /// The moment the customer's month begins, <paramref name="monthsFromNow"/> months from this one (0 = this month,
    /// −1 = last month): local midnight on the 1st.
    /// </summary>
    public DateTimeOffset MonthStart(int monthsFromNow)
    {
        var start = MonthOf(Now).AddMonths(monthsFromNow).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(start, Zone.GetUtcOffset(start));
    }

    /// <summary>A moment with the zone it is read in: "7 Dec 2026 03:20 (Asia/Kolkata)".</summary>
    public string Moment(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("d MMM yyyy HH:mm", Invariant) + $" ({Zone.Id})";
}
