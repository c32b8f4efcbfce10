using CreditRisk.Core.Features;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Snapshots;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    private ICustomerSnapshotRepository Snapshots => ((ICustomerSnapshotStore)Store).Snapshots;

    private static CustomerSnapshot Snapshot(string id, int? bucket = 1) => new()
    {
        CustomerId = id,
        AsOf = new DateOnly(2026, 11, 30),
        CreditLimit = 75_000.50m,
        UtilisationPct = 91.5,
        AvgPaymentRatioPct = 12.25,
        MinDuePaidFrequencyPct = 80,
        MerchantMixIndex = 0.15,
        CashWithdrawalPct = 45,
        RecentSpendChangePct = -70,
        DpdBucketNextMonth = bucket,
        ImportedAt = new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero),
    };

    [SkippableFact]
    public async Task Snapshots_UpsertManyAsync_RoundTripsEveryFieldAndReplacesByCustomer()
    {
        Begin();
        await Snapshots.UpsertManyAsync([Snapshot("c1"), Snapshot("c2", bucket: null)]);
        await Snapshots.UpsertManyAsync([Snapshot("c1") with { UtilisationPct = 12 }]);

        var found = await Snapshots.GetManyAsync(["c1", "c2", "c3"]);

        Assert.Equal(2, found.Count);
        Assert.Equal(Snapshot("c1") with { UtilisationPct = 12 }, found["c1"]);
        Assert.Equal(Snapshot("c2", bucket: null), await Snapshots.GetAsync("c2"));
        Assert.Null(await Snapshots.GetAsync("c3"));
        Assert.Equal(2, await Snapshots.CountAsync());
    }

    [SkippableFact]
    public async Task Models_PromoteAsync_SnapshotVersion_KeepsTheBehaviouralChampion()
    {
        Begin();
        await Store.Models.AddAsync(A.ModelVersion("b1") with { IsChampion = true, PromotedAt = DateTimeOffset.UtcNow, FeatureNames = [.. FeatureNames.Ordered] });
        await Store.Models.AddAsync(A.ModelVersion("s1") with { FeatureNames = [.. SnapshotFeatures.Ordered] });
        await Store.Models.AddAsync(A.ModelVersion("s2") with { FeatureNames = [.. SnapshotFeatures.Ordered] });

        Assert.True(await Store.Models.PromoteAsync("s1", DateTimeOffset.UtcNow));
        Assert.True(await Store.Models.PromoteAsync("s2", DateTimeOffset.UtcNow));

        Assert.Equal(["b1", "s2"], (await Store.Models.ListAsync()).Where(v => v.IsChampion).Select(v => v.Id).Order());
        Assert.Equal("b1", (await Store.Models.GetChampionAsync())!.Id);
        Assert.True((await Store.Models.GetAsync("s2"))!.IsChampion);
        Assert.Equal(ModelFamily.Snapshot, ModelFamilies.Of((await Store.Models.GetAsync("s2"))!.FeatureNames));
    }
}
