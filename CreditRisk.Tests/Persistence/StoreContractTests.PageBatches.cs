using CreditRisk.Core.Alerts;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

/// <summary>The batched reads a grid page makes (one per kind for all its customers).</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Statements_ListForCustomersAsync_EachCustomersMostRecentOldestFirst()
    {
        Begin();
        var dates = Enumerable.Range(0, 4).Select(i => new DateOnly(2025, 12, 15).AddMonths(-i)).ToList();
        await Store.Statements.UpsertManyAsync(
            [.. dates.Select(d => A.Statement("c1", d)), A.Statement("c2", new DateOnly(2026, 1, 15)), A.Statement("c3", new DateOnly(2026, 1, 15))]);

        var listed = await Store.Statements.ListForCustomersAsync(["c1", "c2", "c9"], 3);

        Assert.Equal(["c1", "c2"], listed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([dates[2], dates[1], dates[0]], listed["c1"].Select(s => s.StatementDate));
        JsonAssert.Equivalent(new[] { A.Statement("c2", new DateOnly(2026, 1, 15)) }, listed["c2"]);
    }

    [SkippableFact]
    public async Task Alerts_GetLatestForCustomersAsync_EachCustomersNewestAlert()
    {
        Begin();
        await Store.Alerts.TryAddAsync(A.Alert("al-old", "c1", createdAt: A.Now.AddDays(-2)));
        await Store.Alerts.TryAddAsync(A.Alert("al-new", "c1", createdAt: A.Now));
        await Store.Alerts.TryAddAsync(A.Alert("al-c2", "c2", createdAt: A.Now.AddDays(-5)));
        await Store.Alerts.TryAddAsync(A.Alert("al-c3", "c3", createdAt: A.Now));

        var latest = await Store.Alerts.GetLatestForCustomersAsync(["c1", "c2", "c9"]);

        Assert.Equal(["c1", "c2"], latest.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("al-new", latest["c1"].Id);
        JsonAssert.Equivalent((await Store.Alerts.ListForCustomerAsync("c2", 1)).Single(), latest["c2"]);
    }

    [SkippableFact]
    public async Task Alerts_CustomersWithStatusAsync_AnyAlertOfTheCustomerInThatStatus()
    {
        Begin();
        await Store.Alerts.TryAddAsync(A.Alert("al-1", "c1", createdAt: A.Now.AddDays(-2)) with { Status = AlertStatus.Failed });
        await Store.Alerts.TryAddAsync(A.Alert("al-2", "c1", createdAt: A.Now) with { Status = AlertStatus.Pending });
        await Store.Alerts.TryAddAsync(A.Alert("al-3", "c2", createdAt: A.Now) with { Status = AlertStatus.Pending });
        await Store.Alerts.TryAddAsync(A.Alert("al-4", "c3", createdAt: A.Now) with { Status = AlertStatus.Failed });

        // An older alert counts as much as the newest; customers outside the list never do.
        Assert.Equal(["c1"], (await Store.Alerts.CustomersWithStatusAsync(["c1", "c2", "c9"], AlertStatus.Failed)).Order(StringComparer.Ordinal));
        Assert.Equal(["c1", "c2"], (await Store.Alerts.CustomersWithStatusAsync(["c1", "c2", "c2"], AlertStatus.Pending)).Order(StringComparer.Ordinal));
        Assert.Empty(await Store.Alerts.CustomersWithStatusAsync([], AlertStatus.Pending));
    }

    [SkippableFact]
    public async Task Assessments_GetManyAsync_ById_WithTheirFeatures()
    {
        Begin();
        var first = A.Assessment("ra-1", "c1", at: A.Now.AddDays(-1));
        var second = A.Assessment("ra-2", "c1");
        var other = A.Assessment("ra-3", "c2");
        await Store.Assessments.AddManyAsync([first, second, other]);

        var found = await Store.Assessments.GetManyAsync(["ra-1", "ra-3", "ra-404"]);

        Assert.Equal(["ra-1", "ra-3"], found.Keys.Order(StringComparer.Ordinal));
        JsonAssert.Equivalent(first, found["ra-1"]);
        JsonAssert.Equivalent(other, found["ra-3"]);
    }
}
