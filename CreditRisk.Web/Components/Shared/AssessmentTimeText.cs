using System.Globalization;

namespace CreditRisk.Web.Components.Shared;

/// <summary>
/// An assessment's two times in one phrase: the time its data describes and when it was scored. Staff read "data to
/// 3 Dec 23:59 · scored 4 Dec 21:46" when they differ, so a customer scored a minute ago on yesterday's data does not
/// read as assessed yesterday; one time when they agree (to the minute) or the computed time is unknown (old records).
/// </summary>
public static class AssessmentTimeText
{
    private const string Format = "d MMM HH:mm";

    public static string Describe(DateTimeOffset dataTo, DateTimeOffset? computedAt)
    {
        var data = dataTo.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
        if (computedAt is not { } computed)
        {
            return data;
        }

        var scored = computed.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
        return scored == data ? data : $"data to {data} · scored {scored}";
    }
}
