using CreditRisk.Core.Training;

namespace CreditRisk.Tests.Training;

public sealed class CadenceReadingsTests
{
    [Fact]
    public void ReadingDays_EverySevenDaysAndTheDayEachStatementIsKnown_WithinThePeriod()
    {
        var days = CadenceReadings.ReadingDays(
            new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 5), [new DateOnly(2026, 1, 20), new DateOnly(2026, 1, 25), new DateOnly(2026, 3, 1)]);

        // 25 January's statement becomes known on the 26th, already a weekly reading: one reading, not two.
        Assert.Equal(
            [new(2026, 1, 5), new(2026, 1, 12), new(2026, 1, 19), new(2026, 1, 21), new(2026, 1, 26), new(2026, 2, 2)],
            days.ToArray());
    }
}
