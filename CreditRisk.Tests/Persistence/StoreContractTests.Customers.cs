using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Customers_UpsertManyAsync_NewCustomer_RoundTripsEveryField()
    {
        Begin();
        var customer = A.Customer("c1");

        await Store.Customers.UpsertManyAsync([customer]);

        JsonAssert.Equivalent(customer, await Store.Customers.GetAsync("c1"));
    }

    [SkippableFact]
    public async Task Customers_UpsertManyAsync_NullOptionalFields_RoundTripAsNull()
    {
        Begin();
        var customer = A.Customer("c1") with { WhatsAppOptIn = false, WhatsAppOptInAt = null, FullName = "" };

        await Store.Customers.UpsertManyAsync([customer]);

        JsonAssert.Equivalent(customer, await Store.Customers.GetAsync("c1"));
    }

    [SkippableFact]
    public async Task Customers_UpsertManyAsync_OptedOutByReply_RoundTripsTheOptOutTime()
    {
        Begin();
        var customer = A.Customer("c1") with { WhatsAppOptIn = false, WhatsAppOptInAt = null, WhatsAppOptedOutAt = A.Now.AddMinutes(-5) };

        await Store.Customers.UpsertManyAsync([customer]);

        Assert.Equal(customer.WhatsAppOptedOutAt, (await Store.Customers.GetAsync("c1"))!.WhatsAppOptedOutAt);
        Assert.Equal(customer.WhatsAppOptedOutAt, (await Store.Customers.FindByPhoneAsync(customer.Phone))!.WhatsAppOptedOutAt);
    }

    [SkippableFact]
    public async Task Customers_UpsertManyAsync_ExistingId_ReplacesTheCustomer()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("c1"), A.Customer("c2")]);
        var changed = A.Customer("c1") with { CreditLimit = 99.99m, WhatsAppOptIn = false, WhatsAppOptInAt = null };

        await Store.Customers.UpsertManyAsync([changed, A.Customer("c3")]);

        JsonAssert.Equivalent(changed, await Store.Customers.GetAsync("c1"));
        Assert.Equal(3, await Store.Customers.CountAsync());
    }

    [SkippableFact]
    public async Task Customers_UpsertManyAsync_AfterReadsOfItAndOfItsAbsence_ReadsGiveTheNewCustomer()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("c1")]);
        Assert.Equal(["c1"], (await Store.Customers.GetManyAsync(["c1", "c2"])).Keys);
        var changed = A.Customer("c1") with { CreditLimit = 99.99m };

        await Store.Customers.UpsertManyAsync([changed, A.Customer("c2")]);

        JsonAssert.Equivalent(changed, await Store.Customers.GetAsync("c1"));
        Assert.Equal(["c1", "c2"], (await Store.Customers.GetManyAsync(["c1", "c2"])).Keys.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Customers_UpsertManyAsync_EmptyBatch_StoresNothing()
    {
        Begin();

        await Store.Customers.UpsertManyAsync([]);

        Assert.Equal(0, await Store.Customers.CountAsync());
    }

    [SkippableFact]
    public async Task Customers_GetAsync_UnknownId_ReturnsNull()
    {
        Begin();

        Assert.Null(await Store.Customers.GetAsync("nobody"));
    }

    [SkippableFact]
    public async Task Customers_Ids_DifferingOnlyInCase_AreDifferentCustomers()
    {
        Begin();

        await Store.Customers.UpsertManyAsync([A.Customer("abc") with { FullName = "lower" }, A.Customer("ABC") with { FullName = "upper" }]);

        Assert.Equal(2, await Store.Customers.CountAsync());
        Assert.Equal("lower", (await Store.Customers.GetAsync("abc"))!.FullName);
        Assert.Equal("upper", (await Store.Customers.GetAsync("ABC"))!.FullName);
    }

    [SkippableFact]
    public async Task Customers_GetManyAsync_KnownAndUnknownIds_ReturnsOnlyKnownKeyedById()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("c1"), A.Customer("c2"), A.Customer("c3")]);

        var found = await Store.Customers.GetManyAsync(["c3", "nobody", "c1"]);

        Assert.Equal(["c1", "c3"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("c3", found["c3"].Id);
    }

    [SkippableFact]
    public async Task Customers_FindByPhoneAsync_SeveralCustomersHoldTheNumber_TheLowestIdWins()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("c3", phone: "+15550000001")]);
        await Store.Customers.UpsertManyAsync([A.Customer("c2", phone: "+15550000001"), A.Customer("c1", phone: "+15550000002")]);

        Assert.Equal("c2", (await Store.Customers.FindByPhoneAsync("+15550000001"))?.Id);
    }

    [SkippableFact]
    public async Task Customers_FindByPhoneAsync_KnownPhone_ReturnsThatCustomer()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("c1", phone: "+15550000001"), A.Customer("c2", phone: "+15550000002")]);

        var found = await Store.Customers.FindByPhoneAsync("+15550000002");

        Assert.Equal("c2", found?.Id);
        Assert.Null(await Store.Customers.FindByPhoneAsync("+15550000009"));
    }

    [SkippableFact]
    public async Task Customers_SearchAsync_IdPrefixNameAnyCaseOrPhone_FindsThoseInIdOrder()
    {
        Begin();
        await Store.Customers.UpsertManyAsync(
        [
            A.Customer("c-1001", phone: "+15550100001") with { FullName = "Asha Verma" },
            A.Customer("c-1002", phone: "+15550100002") with { FullName = "Bilal Khan" },
            A.Customer("x-2001", phone: "+15550100003") with { FullName = "Verma Chandra" },
            A.Customer("x-2002", phone: "+15550100004") with { FullName = "Émile Ørsted" },
        ]);

        Assert.Equal(["c-1001", "c-1002"], (await Store.Customers.SearchAsync("c-10", 10)).Select(c => c.Id));
        Assert.Equal(["c-1001", "x-2001"], (await Store.Customers.SearchAsync("verma", 10)).Select(c => c.Id));
        Assert.Equal(["c-1002"], (await Store.Customers.SearchAsync(" 0100002 ", 10)).Select(c => c.Id));
        // Any case beyond A–Z too (SQLite's own lower() folds only those).
        Assert.Equal(["x-2002"], (await Store.Customers.SearchAsync("émile", 10)).Select(c => c.Id));
        Assert.Equal(["x-2002"], (await Store.Customers.SearchAsync("ØRSTED", 10)).Select(c => c.Id));
        Assert.Single(await Store.Customers.SearchAsync("verma", 1));
        Assert.Empty(await Store.Customers.SearchAsync("(.*)", 10));
        Assert.Empty(await Store.Customers.SearchAsync("  ", 10));
    }

    [SkippableFact]
    public async Task Customers_ListIdsAsync_KeysetPaging_ReturnsEveryIdOnceInAscendingOrder()
    {
        Begin();
        var ids = Enumerable.Range(1, 23).Select(i => $"cust-{i:D3}").Reverse().ToList();
        await Store.Customers.UpsertManyAsync(ids.Select(id => A.Customer(id)).ToList());

        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Store.Customers.ListIdsAsync(after, 5);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 5);
            seen.AddRange(page);
            after = page[^1];
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
    }

    [SkippableFact]
    public async Task Customers_ListIdsAsync_AfterId_StartsStrictlyAfterIt()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("a"), A.Customer("b"), A.Customer("c"), A.Customer("d")]);

        Assert.Equal(["a", "b"], await Store.Customers.ListIdsAsync(null, 2));
        Assert.Equal(["c", "d"], await Store.Customers.ListIdsAsync("b", 10));
        Assert.Equal(["c"], await Store.Customers.ListIdsAsync("bb", 1));
    }

    [SkippableFact]
    public async Task Customers_UpsertManyAsync_TimeZone_RoundTripsAndIsNullWhenNotGiven()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("c1") with { TimeZone = "Asia/Kolkata" }, A.Customer("c2", "+919812345679")]);

        Assert.Equal("Asia/Kolkata", (await Store.Customers.GetAsync("c1"))!.TimeZone);
        Assert.Null((await Store.Customers.GetAsync("c2"))!.TimeZone);
    }
}
