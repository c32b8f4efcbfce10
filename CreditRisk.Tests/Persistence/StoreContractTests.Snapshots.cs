using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Snapshots;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

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
    public async Task Snapshots_WriteImportBatchAsync_StoresEveryPartAndAddsOnlyAlertsWithAFreeKey()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("c0")]);
        Assert.True(await Store.Alerts.TryAddAsync(A.Alert("al-0", "c0", escalationKey: "c0|taken")));
        await Store.Assessments.AddManyAsync([A.Assessment("ra-0", "c0", A.Now.AddDays(-1), RiskBand.Low)]);
        var batch = new SnapshotImportBatch(
            [A.Customer("c0") with { CreditLimit = 75_000.50m }, A.Customer("c1", phone: "") with { FullName = "c1" }],
            [Snapshot("c0"), Snapshot("c1", bucket: null)],
            [A.Alert("al-1", "c0", escalationKey: "c0|taken"), A.Alert("al-2", "c1", escalationKey: "c1|new"), A.Alert("al-3", "c1", escalationKey: "c1|new")],
            [A.Assessment("ra-1", "c0", A.Now, RiskBand.High), A.Assessment("ra-2", "c1", A.Now, RiskBand.Medium)]);

        var added = await Snapshots.WriteImportBatchAsync(batch);

        Assert.Equal(["al-2"], added);
        Assert.Equal(75_000.50m, (await Store.Customers.GetAsync("c0"))!.CreditLimit);
        Assert.Equal(("c1", ""), ((await Store.Customers.GetAsync("c1"))!.FullName, (await Store.Customers.GetAsync("c1"))!.Phone));
        Assert.Equal(Snapshot("c1", bucket: null), await Snapshots.GetAsync("c1"));
        Assert.Null(await Store.Alerts.GetAsync("al-1"));
        Assert.Null(await Store.Alerts.GetAsync("al-3"));
        Assert.Equal("c1|new", (await Store.Alerts.GetAsync("al-2"))!.EscalationKey);
        var current = await Store.Assessments.GetCurrentManyAsync(["c0", "c1"]);
        Assert.Equal((RiskBand.High, RiskBand.Medium), (current["c0"].Band, current["c1"].Band));
        Assert.Equal(["ra-1", "ra-0"], (await Store.Assessments.ListHistoryAsync("c0", 10)).Select(a => a.Id));
        JsonAssert.Equivalent(A.Assessment("ra-2", "c1", A.Now, RiskBand.Medium), await Store.Assessments.GetLatestAsync("c1"));

        // The same batch again (a retry): every key is taken now, so nothing is added or doubled.
        Assert.Empty(await Snapshots.WriteImportBatchAsync(batch));
        Assert.Equal(2, (await Store.Assessments.ListHistoryAsync("c0", 10)).Count);
        Assert.Single(await Store.Alerts.ListForCustomerAsync("c1", 10));
        Assert.Equal(2, await Store.Customers.CountAsync());
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
