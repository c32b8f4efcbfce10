namespace CreditRisk.Core.Alerts;

/// <summary>
/// The daily window, in the customer-facing time zone, during which no alert is sent (e.g. 21:00–09:00), and the
/// local day used by the daily cap. Windows may cross midnight; equal start and end mean no quiet hours.
/// </summary>
public sealed class QuietHours(TimeZoneInfo zone, TimeOnly start, TimeOnly end)
{
    public static QuietHours From(AlertDeliveryOptions options) => new(options.ResolveTimeZone(), options.QuietStart, options.QuietEnd);

    public bool IsQuiet(DateTimeOffset at)
    {
        if (start == end)
        {
            return false;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return start < end ? local >= start && local < end : local >= start || local < end;
    }

    /// <summary><paramref name="at"/> itself when outside quiet hours, else the end of the current quiet period.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset at)
    {
        if (!IsQuiet(at))
        {
            return at;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var endToday = local.Date + end.ToTimeSpan();
        var endLocal = endToday > local ? endToday : endToday.AddDays(1);
        return ToUtc(endLocal);
    }

    /// <summary>Start (UTC) of the local day containing <paramref name="at"/>.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset at) => ToUtc(TimeZoneInfo.ConvertTime(at, zone).DateTime.Date);

    /// <summary>The first allowed moment of the next local day.</summary>
    public DateTimeOffset StartOfNextAllowedDay(DateTimeOffset at) =>
        NextAllowed(ToUtc(TimeZoneInfo.ConvertTime(at, zone).DateTime.Date.AddDays(1)));

    /// <summary>Local wall time to UTC; a time skipped by a daylight-saving jump moves forward past the gap.</summary>
    private DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
