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
        var data = Moment(dataTo);
        if (computedAt is not { } computed)
        {
            return data;
        }

        var scored = Moment(computed);
        return scored == data ? data : $"data to {data} · scored {scored}";
    }

    /// <summary>One moment as the grid writes its times, in UTC: "4 Dec 21:46" (the Last alert column uses it too).</summary>
    public static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
