using System.Globalization;
using CreditRisk.Core.Rules;

namespace CreditRisk.Web.Components.Shared;

/// <summary>
/// How pages name the day a <see cref="PastDuePosition"/> is counted to: the assessment's data day, which is not
/// always today, so every screen says which day its days past due are for.
/// </summary>
public static class PastDueText
{
    /// <summary>"today", or the day, e.g. "3 Dec 2026".</summary>
    public static string Day(PastDuePosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return position.IsToday ? "today" : position.AsOf.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>The staff wording: "counted to today" or "counted to 3 Dec 2026, the day of the latest assessment's data".</summary>
    public static string CountedTo(PastDuePosition position) => position.IsToday
        ? "counted to today"
        : $"counted to {Day(position)}, the day of the latest assessment's data";
}
