using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;

namespace CreditRisk.Tests.Portfolio;

public sealed class PortfolioSnapshotBuilderTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HighRiskTrend_ChangesInAndOutOfHigh_WalksBackFromToday()
    {
        RiskBandChange[] changes =
        [
            new("a", s_now.AddDays(-2), RiskBand.Medium, RiskBand.High), // entered High two days ago
            new("b", s_now.AddHours(-1), RiskBand.High, RiskBand.Low),   // left High today
        ];

        var trend = PortfolioSnapshotBuilder.HighRiskTrend(highNow: 5, changes, s_now, days: 4);

        Assert.Equal([new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10)], trend.Select(p => p.Day));
        Assert.Equal([5L, 6L, 6L, 5L], trend.Select(p => p.Count));
    }

    [Fact]
    public void HighRiskTrend_ChangesCutAtTheReadLimit_DrawsOnlyTheDaysTheyCover()
    {
        // The newest changes read, back to yesterday noon; anything older was left unread.
        RiskBandChange[] changes =
        [
            new("b", s_now.AddHours(-1), RiskBand.High, RiskBand.Low),
            new("a", s_now.AddDays(-1), RiskBand.Medium, RiskBand.High),
        ];

        var trend = PortfolioSnapshotBuilder.HighRiskTrend(highNow: 5, changes, s_now, days: 4, completeSince: s_now.AddDays(-1));

        Assert.Equal([new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10)], trend.Select(p => p.Day));
        Assert.Equal([6L, 5L], trend.Select(p => p.Count));
    }

    [Fact]
    public void Migration_MovedAndNewCustomers_CountsFirstOriginToLastBandAndKeepsTheRestOnTheDiagonal()
    {
        var bandsNow = new Dictionary<RiskBand, long> { [RiskBand.Low] = 10, [RiskBand.Medium] = 5, [RiskBand.High] = 3 };
        RiskBandChange[] changes =
        [
            new("a", s_now.AddDays(-20), RiskBand.Low, RiskBand.Medium),
            new("a", s_now.AddDays(-5), RiskBand.Medium, RiskBand.High),
            new("n", s_now.AddDays(-3), null, RiskBand.Low),
            new("old", s_now.AddDays(-40), RiskBand.Low, RiskBand.High),
        ];

        var migration = PortfolioSnapshotBuilder.Migration(bandsNow, changes, s_now.AddDays(-30), truncated: false);

        Assert.Equal(1, migration.Counts[0][2]);                      // Low → High
        Assert.Equal(1, migration.Counts[BandMigration.NewRow][0]);   // new → Low
        Assert.Equal(9, migration.Counts[0][0]);                      // 10 Low now, one of them new
        Assert.Equal(5, migration.Counts[1][1]);
        Assert.Equal(2, migration.Counts[2][2]);                      // 3 High now, one arrived from Low
        Assert.Equal(18, migration.Counts.Sum(r => r.Sum()));
    }
}
