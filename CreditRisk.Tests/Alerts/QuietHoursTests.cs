using CreditRisk.Core.Alerts;

namespace CreditRisk.Tests.Alerts;

public sealed class QuietHoursTests
{
    private static readonly QuietHours Night = new(TimeZoneInfo.Utc, new TimeOnly(21, 0), new TimeOnly(9, 0));

    [Theory]
    [InlineData("2026-03-02T20:59:59Z", false)]
    [InlineData("2026-03-02T21:00:00Z", true)]
    [InlineData("2026-03-02T23:30:00Z", true)]
    [InlineData("2026-03-03T08:59:59Z", true)]
    [InlineData("2026-03-03T09:00:00Z", false)]
    [InlineData("2026-03-03T12:00:00Z", false)]
    public void IsQuiet_WindowAcrossMidnight_QuietFromStartUntilEnd(string at, bool quiet)
    {
        Assert.Equal(quiet, Night.IsQuiet(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-03-02T22:00:00Z", "2026-03-03T09:00:00Z")]
    [InlineData("2026-03-03T02:00:00Z", "2026-03-03T09:00:00Z")]
    [InlineData("2026-03-03T12:00:00Z", "2026-03-03T12:00:00Z")]
    public void NextAllowed_DuringOrOutsideQuietHours_EndOfTheWindowOrNow(string at, string expected)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(DateTimeOffset.Parse(expected, culture), Night.NextAllowed(DateTimeOffset.Parse(at, culture)));
    }

    [Fact]
    public void IsQuiet_SameStartAndEnd_NeverQuiet()
    {
        var none = new QuietHours(TimeZoneInfo.Utc, new TimeOnly(0, 0), new TimeOnly(0, 0));

        Assert.False(none.IsQuiet(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void NextAllowed_DaylightSavingZone_ConvertsTheLocalEndTime()
    {
        // New York is UTC-5 in winter; 02:00 UTC is 21:00 local on 2 March 2026.
        var newYork = new QuietHours(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), new TimeOnly(20, 0), new TimeOnly(8, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 13, 0, 0, TimeSpan.Zero), newYork.NextAllowed(new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero), newYork.StartOfDay(new DateTimeOffset(2026, 3, 3, 12, 0, 0, TimeSpan.Zero)));
    }
}
