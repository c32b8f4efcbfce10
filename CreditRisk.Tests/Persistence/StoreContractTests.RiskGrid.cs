using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Rules;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

/// <summary>The grid and portfolio queries: <see cref="IRiskAssessmentRepository.QueryCurrentPageAsync"/> and band changes.</summary>
public abstract partial class StoreContractTests
{
    private async Task SeedGridAsync()
    {
        await Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-1", "c1", A.Now.AddMinutes(-5), RiskBand.High, 0.95),
            A.Assessment("ra-2", "c2", A.Now.AddMinutes(-4), RiskBand.High, 0.80) with
            {
                RuleHits = [new RuleHit(RuleIds.CashWithdrawalHigh, RiskBand.High, "Cash withdrawals are 55% of spend")],
                Reasons = ["Cash withdrawals are 55% of spend"],
            },
            A.Assessment("ra-3", "c3", A.Now.AddMinutes(-3), RiskBand.Medium, 0.45),
            A.Assessment("ra-4", "c4", A.Now.AddMinutes(-2), RiskBand.Low, 0.05),
            A.Assessment("ra-5", "c5", A.Now.AddMinutes(-1), RiskBand.High, 0.70),
        ]);
    }

    private static List<string> Ids(CurrentRiskPage page) => [.. page.Items.Select(r => r.CustomerId)];

    [SkippableFact]
    public async Task RiskGrid_QueryCurrentPageAsync_Band_ReturnsThatBandByScoreWithTotal()
    {
        Begin();
        await SeedGridAsync();

        var page = await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { Band = RiskBand.High, Take = 2 });

        Assert.Equal(["c1", "c2"], Ids(page));
        Assert.Equal(3, page.Total);
    }

    [SkippableFact]
    public async Task RiskGrid_QueryCurrentPageAsync_SkipAndScoreRange_PagesWithinTheRange()
    {
        Begin();
        await SeedGridAsync();

        var page = await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { MinScore = 0.4, MaxScore = 0.9, Skip = 1, Take = 10 });

        Assert.Equal(["c5", "c3"], Ids(page));
        Assert.Equal(3, page.Total);
    }

    [SkippableFact]
    public async Task RiskGrid_QueryCurrentPageAsync_RuleId_MatchesOnlyCustomersThatRuleFlagged()
    {
        Begin();
        await SeedGridAsync();

        var page = await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { RuleId = RuleIds.CashWithdrawalHigh });

        Assert.Equal(["c2"], Ids(page));
        Assert.Equal(1, page.Total);
    }

    [SkippableFact]
    public async Task RiskGrid_QueryCurrentPageAsync_AlertStatus_MatchesCustomersWithAnAlertInThatStatus()
    {
        Begin();
        await SeedGridAsync();
        await Store.Alerts.TryAddAsync(A.Alert("al-1", "c5", status: AlertStatus.Pending));
        await Store.Alerts.TryAddAsync(A.Alert("al-2", "c1", status: AlertStatus.Read));

        var pending = await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { AlertStatus = AlertStatus.Pending });
        var failed = await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { AlertStatus = AlertStatus.Failed });

        Assert.Equal(["c5"], Ids(pending));
        Assert.Empty(failed.Items);
        Assert.Equal(0, failed.Total);
    }

    [SkippableTheory]
    [InlineData(CurrentRiskSort.ScoreDescending, new[] { "c6", "c1", "c2", "c5", "c8", "c3", "c7", "c4" })]
    [InlineData(CurrentRiskSort.ScoreAscending, new[] { "c4", "c7", "c3", "c8", "c5", "c2", "c1", "c6" })]
    public async Task RiskGrid_QueryCurrentPageAsync_BandsOutOfScoreOrder_PagesInterleaveTheBandsByScore(CurrentRiskSort sort, string[] expected)
    {
        // A rule can put a customer in a band its score alone would not: the score order crosses the bands.
        Begin();
        await SeedGridAsync();
        await Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-6", "c6", A.Now, RiskBand.Medium, 0.97),
            A.Assessment("ra-7", "c7", A.Now, RiskBand.High, 0.30),
            A.Assessment("ra-8", "c8", A.Now, RiskBand.Low, 0.60),
        ]);

        var all = await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { Sort = sort, Take = 50 });
        var paged = new List<string>();
        for (var skip = 0; skip < expected.Length; skip += 3)
        {
            paged.AddRange(Ids(await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { Sort = sort, Skip = skip, Take = 3 })));
        }

        Assert.Equal(expected, Ids(all));
        Assert.Equal(expected, paged);
        Assert.Equal(expected.Length, all.Total);
    }

    [SkippableTheory]
    [InlineData(CurrentRiskSort.ScoreAscending, new[] { "c4", "c3", "c5", "c2", "c1" })]
    [InlineData(CurrentRiskSort.AssessedAtDescending, new[] { "c5", "c4", "c3", "c2", "c1" })]
    [InlineData(CurrentRiskSort.CustomerIdAscending, new[] { "c1", "c2", "c3", "c4", "c5" })]
    [InlineData(CurrentRiskSort.CustomerIdDescending, new[] { "c5", "c4", "c3", "c2", "c1" })]
    public async Task RiskGrid_QueryCurrentPageAsync_Sort_OrdersRows(CurrentRiskSort sort, string[] expected)
    {
        Begin();
        await SeedGridAsync();

        var page = await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { Sort = sort });

        Assert.Equal(expected, Ids(page));
    }

    [SkippableTheory]
    [InlineData(CurrentRiskSort.ScoreDescending, null)]
    [InlineData(CurrentRiskSort.ScoreAscending, null)]
    [InlineData(CurrentRiskSort.AssessedAtDescending, null)]
    [InlineData(CurrentRiskSort.AssessedAtAscending, null)]
    [InlineData(CurrentRiskSort.ScoreDescending, RiskBand.High)]
    public async Task RiskGrid_QueryCurrentPageAsync_TiedRows_BrokenByCustomerIdOnEveryPage(CurrentRiskSort sort, RiskBand? band)
    {
        // Five customers with one score at one moment, stored out of id order: pages must neither repeat nor skip one.
        Begin();
        foreach (var id in new[] { "c3", "c5", "c1", "c4", "c2" })
        {
            await Store.Assessments.AddManyAsync([A.Assessment($"ra-{id}", id, A.Now, RiskBand.High, 0.8)]);
        }

        var paged = new List<string>();
        for (var skip = 0; skip < 5; skip += 2)
        {
            paged.AddRange(Ids(await Store.Assessments.QueryCurrentPageAsync(new CurrentRiskQuery { Sort = sort, Band = band, Skip = skip, Take = 2 })));
        }

        Assert.Equal(["c1", "c2", "c3", "c4", "c5"], paged);
    }

    [SkippableFact]
    public async Task RiskGrid_ListBandChangesSinceAsync_Mixed_ReturnsOnlyBandChangesSinceNewestFirst()
    {
        Begin();
        await Store.Assessments.AddManyAsync(
        [
            A.Assessment("ra-old", "c1", A.Now.AddDays(-40), RiskBand.Medium) with { PreviousBand = RiskBand.Low },
            A.Assessment("ra-first", "c2", A.Now.AddDays(-3), RiskBand.Low) with { PreviousBand = null },
            A.Assessment("ra-same", "c1", A.Now.AddDays(-2), RiskBand.Medium) with { PreviousBand = RiskBand.Medium },
            A.Assessment("ra-up", "c1", A.Now.AddDays(-1), RiskBand.High) with { PreviousBand = RiskBand.Medium },
        ]);

        var changes = await Store.Assessments.ListBandChangesSinceAsync(A.Now.AddDays(-30), take: 10);
        var newest = await Store.Assessments.ListBandChangesSinceAsync(A.Now.AddDays(-30), take: 1);

        Assert.Equal(
            [new RiskBandChange("c1", A.Now.AddDays(-1), RiskBand.Medium, RiskBand.High), new RiskBandChange("c2", A.Now.AddDays(-3), null, RiskBand.Low)],
            changes);
        Assert.Equal([changes[0]], newest);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(6_000)]
    public async Task RiskGrid_ListBandChangesSinceAsync_SinceWithinAMillisecondAfterTheChange_LeavesItOut(int ticksIntoTheMillisecond)
    {
        Begin();
        // Stored times are whole milliseconds: a change made 0.6 ms into one is stored at its start, still before since.
        await Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c1", A.Now.AddTicks(ticksIntoTheMillisecond), RiskBand.High)]);

        var since = A.Now.AddTicks(ticksIntoTheMillisecond + 1_000);

        Assert.Empty(await Store.Assessments.ListBandChangesSinceAsync(since, 10));
        Assert.Single(await Store.Assessments.ListBandChangesSinceAsync(A.Now, 10));
    }
}
