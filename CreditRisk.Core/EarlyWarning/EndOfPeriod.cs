using CreditRisk.Core.Risk;

namespace CreditRisk.Core.EarlyWarning;

/// <summary>Who a replay leaves flagged: the band of each customer's last assessment, as the portfolio would stand "today".</summary>
internal static class EndOfPeriod
{
    /// <summary>Customers whose last assessment is Medium-or-higher, and High; a customer never assessed counts for neither.</summary>
    public static CountByLevel Flagged(IEnumerable<IReadOnlyList<RiskPoint>> timelines)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        int medium = 0, high = 0;
        foreach (var timeline in timelines)
        {
            if (timeline.Count == 0)
            {
                continue;
            }

            var band = timeline[^1].Band;
            medium += band >= RiskBand.Medium ? 1 : 0;
            high += band == RiskBand.High ? 1 : 0;
        }

        return new CountByLevel(medium, high);
    }
}
