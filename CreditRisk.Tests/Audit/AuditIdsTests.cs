using CreditRisk.Core.Audit;

namespace CreditRisk.Tests.Audit;

public sealed class AuditIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_SameMillisecond_SortInTheOrderTheyWereMade()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => AuditIds.Next(At)).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Next_LaterMillisecond_SortsAfterAnEarlierOneMadeLater()
    {
        var later = AuditIds.Next(At.AddMilliseconds(1));
        var earlier = AuditIds.Next(At);

        Assert.True(string.CompareOrdinal(later, earlier) > 0);
        Assert.Matches("^[0-9a-f]{32}$", later);
    }
}
