using System.Globalization;

namespace CreditRisk.Web.Components.Shared;

/// <summary>When a held-back message goes out, in UTC (staff screens' zone) and in the customer's own time.</summary>
public static class ScheduleText
{
    /// <summary>E.g. <c>5 Dec 03:30 UTC (09:00 Asia/Kolkata)</c>; the zone part is left out when it is UTC.</summary>
    public static string Describe(DateTimeOffset at, TimeZoneInfo? customerZone)
    {
        var utc = at.UtcDateTime.ToString("d MMM HH:mm", CultureInfo.InvariantCulture) + " UTC";
        if (customerZone is null || customerZone.BaseUtcOffset == TimeSpan.Zero && !customerZone.SupportsDaylightSavingTime)
        {
            return utc;
        }

        var local = TimeZoneInfo.ConvertTime(at, customerZone).DateTime;
        var sameDay = local.Date == at.UtcDateTime.Date;
        var localText = local.ToString(sameDay ? "HH:mm" : "d MMM HH:mm", CultureInfo.InvariantCulture);
        return $"{utc} ({localText} {customerZone.Id})";
    }
}
