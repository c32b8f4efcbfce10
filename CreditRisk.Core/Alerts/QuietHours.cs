using System.Globalization;
using CreditRisk.Core.Customers;

namespace CreditRisk.Core.Alerts;

/// <summary>
/// The daily window, in one time zone, during which no alert is sent (e.g. 21:00–09:00), and the local day used by
/// the daily cap. Windows may cross midnight; equal start and end mean no quiet hours.
/// </summary>
public sealed class QuietHours(TimeZoneInfo zone, TimeOnly start, TimeOnly end)
{
    /// <summary>The configured window in the configured zone (<see cref="AlertDeliveryOptions.TimeZone"/>): the bank's day.</summary>
    public static QuietHours From(AlertDeliveryOptions options) => new(options.ResolveTimeZone(), options.QuietStart, options.QuietEnd);

    /// <summary>
    /// The configured window in the customer's own time zone (<see cref="Customer.TimeZone"/>), or in the configured
    /// zone when the customer record has none: nobody should be woken by a message.
    /// </summary>
    public static QuietHours For(Customer? customer, AlertDeliveryOptions options) =>
        new(CustomerTimeZone.Resolve(customer, options.ResolveTimeZone()), options.QuietStart, options.QuietEnd);

    public TimeZoneInfo Zone => zone;

    /// <summary>Why a send waits, e.g. <c>Quiet hours (21:00–09:00 Asia/Kolkata).</c></summary>
    public string Describe() =>
        $"Quiet hours ({start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{end.ToString("HH:mm", CultureInfo.InvariantCulture)} {zone.Id}).";

    /// <summary><paramref name="at"/> as wall-clock time in this zone.</summary>
    public DateTime ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).DateTime;

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
