using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Transactions_InsertNewAsync_NewTransactions_StoresAndReturnsAllWithEveryField()
    {
        Begin();
        var batch = new[]
        {
            A.Transaction("t1"),
            A.Transaction("t2", type: TransactionType.CashWithdrawal, amount: 0.01m) with { MerchantCategory = null, MerchantId = null, Channel = null },
            A.Transaction("t3", type: TransactionType.Interest, amount: 79_228_162_514_264.337593543950335m),
        };

        var inserted = await Store.Transactions.InsertNewAsync(batch);

        JsonAssert.Equivalent(batch.OrderBy(t => t.Id, StringComparer.Ordinal), inserted.OrderBy(t => t.Id, StringComparer.Ordinal));
        var stored = await Store.Transactions.GetManyAsync(["t1", "t2", "t3"]);
        foreach (var transaction in batch)
        {
            JsonAssert.Equivalent(transaction, stored[transaction.Id]);
        }
    }

    [SkippableFact]
    public async Task Transactions_InsertNewAsync_Replay_ReturnsNothingAndKeepsTheOriginal()
    {
        Begin();
        var original = A.Transaction("t1", amount: 10m);
        await Store.Transactions.InsertNewAsync([original]);

        var replayed = await Store.Transactions.InsertNewAsync([original with { Amount = 999m }]);

        Assert.Empty(replayed);
        JsonAssert.Equivalent(original, (await Store.Transactions.GetManyAsync(["t1"]))["t1"]);
        Assert.Equal(1, await Store.Transactions.CountAsync());
    }

    [SkippableFact]
    public async Task Transactions_InsertNewAsync_MixedBatch_ReturnsOnlyTheNewOnes()
    {
        Begin();
        await Store.Transactions.InsertNewAsync([A.Transaction("t1"), A.Transaction("t2")]);

        var inserted = await Store.Transactions.InsertNewAsync([A.Transaction("t2"), A.Transaction("t3"), A.Transaction("t1"), A.Transaction("t4")]);

        Assert.Equal(["t3", "t4"], inserted.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Equal(4, await Store.Transactions.CountAsync());
    }

    [SkippableFact]
    public async Task Transactions_InsertNewAsync_DuplicateIdWithinBatch_StoresAndReturnsTheFirstOnly()
    {
        Begin();
        var first = A.Transaction("t1", amount: 1m);

        var inserted = await Store.Transactions.InsertNewAsync([first, A.Transaction("t1", amount: 2m), A.Transaction("t2")]);

        Assert.Equal(["t1", "t2"], inserted.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Equal(1m, inserted.Single(t => t.Id == "t1").Amount);
        Assert.Equal(1m, (await Store.Transactions.GetManyAsync(["t1"]))["t1"].Amount);
        Assert.Equal(2, await Store.Transactions.CountAsync());
    }

    [SkippableFact]
    public async Task Transactions_InsertNewAsync_EmptyBatch_ReturnsEmpty()
    {
        Begin();

        Assert.Empty(await Store.Transactions.InsertNewAsync([]));
        Assert.Equal(0, await Store.Transactions.CountAsync());
    }

    [SkippableFact]
    public async Task Transactions_InsertNewAsync_ConcurrentReplaysOfOneBatch_ReturnEachTransactionExactlyOnce()
    {
        Begin(StoreCapability.ConcurrentWriters);
        var batch = Enumerable.Range(0, 50).Select(i => A.Transaction($"t{i:D2}", at: A.Now.AddMinutes(i))).ToList();

        var results = await RaceAsync(8, _ => Store.Transactions.InsertNewAsync(batch));

        var returned = results.SelectMany(r => r).Select(t => t.Id).ToList();
        Assert.Equal(batch.Select(t => t.Id), returned.Order(StringComparer.Ordinal));
        Assert.Equal(50, await Store.Transactions.CountAsync());
    }

    [SkippableFact]
    public async Task Transactions_GetManyAsync_KnownAndUnknownIds_ReturnsOnlyKnown()
    {
        Begin();
        await Store.Transactions.InsertNewAsync([A.Transaction("t1"), A.Transaction("t2")]);

        var found = await Store.Transactions.GetManyAsync(["t2", "zz"]);

        Assert.Equal(["t2"], found.Keys);
    }

    [SkippableFact]
    public async Task Transactions_ListForCustomerAsync_Window_IncludesFromExcludesToOldestFirst()
    {
        Begin();
        var from = A.Now;
        var to = A.Now.AddDays(1);
        await Store.Transactions.InsertNewAsync(
        [
            A.Transaction("t-at-to", at: to),
            A.Transaction("t-mid", at: from.AddHours(5)),
            A.Transaction("t-before", at: from.AddMilliseconds(-1)),
            A.Transaction("t-at-from", at: from),
            A.Transaction("t-last", at: to.AddMilliseconds(-1)),
        ]);

        var listed = await Store.Transactions.ListForCustomerAsync("cust-1", from, to);

        Assert.Equal(["t-at-from", "t-mid", "t-last"], listed.Select(t => t.Id));
    }

    [SkippableFact]
    public async Task Transactions_ListForCustomerAsync_OtherCustomers_AreExcluded()
    {
        Begin();
        await Store.Transactions.InsertNewAsync(
        [
            A.Transaction("t1", customerId: "c1", at: A.Now),
            A.Transaction("t10", customerId: "c10", at: A.Now),
            A.Transaction("t2", customerId: "C1", at: A.Now),
            A.Transaction("t3", customerId: "c", at: A.Now),
        ]);

        var listed = await Store.Transactions.ListForCustomerAsync("c1", A.Now.AddDays(-1), A.Now.AddDays(1));

        Assert.Equal(["t1"], listed.Select(t => t.Id));
        JsonAssert.Equivalent(A.Transaction("t1", customerId: "c1", at: A.Now), listed[0]);
    }

    [SkippableFact]
    public async Task Transactions_ListRecentForCustomerAsync_SkipTake_ReturnsNewestFirstPage()
    {
        Begin();
        var transactions = Enumerable.Range(0, 10).Select(i => A.Transaction($"t{i}", at: A.Now.AddHours(i))).ToList();
        transactions.Add(A.Transaction("other", customerId: "cust-2", at: A.Now.AddHours(100)));
        await Store.Transactions.InsertNewAsync(transactions);

        var firstPage = await Store.Transactions.ListRecentForCustomerAsync("cust-1", 0, 3);
        var secondPage = await Store.Transactions.ListRecentForCustomerAsync("cust-1", 3, 3);
        var tail = await Store.Transactions.ListRecentForCustomerAsync("cust-1", 8, 5);

        Assert.Equal(["t9", "t8", "t7"], firstPage.Select(t => t.Id));
        Assert.Equal(["t6", "t5", "t4"], secondPage.Select(t => t.Id));
        Assert.Equal(["t1", "t0"], tail.Select(t => t.Id));
    }

    [SkippableFact]
    public async Task Transactions_CountAsync_SeveralCustomers_CountsEveryTransaction()
    {
        Begin();
        await Store.Transactions.InsertNewAsync([A.Transaction("t1"), A.Transaction("t2", customerId: "c2"), A.Transaction("t3", customerId: "c3")]);

        Assert.Equal(3, await Store.Transactions.CountAsync());
    }
    [SkippableFact]
    public async Task Transactions_InsertNewAsync_AppliedAtSet_RoundTrips()
    {
        Begin();
        var applied = A.Transaction("t1") with { AppliedAt = A.Now.AddSeconds(3) };

        await Store.Transactions.InsertNewAsync([applied]);

        JsonAssert.Equivalent(applied, (await Store.Transactions.GetManyAsync(["t1"]))["t1"]);
    }

    [SkippableFact]
    public async Task Transactions_MarkAppliedAsync_PendingAppliedAndUnknown_SetsOnlyThePendingOnes()
    {
        Begin();
        var earlier = A.Now.AddMinutes(-5);
        await Store.Transactions.InsertNewAsync([A.Transaction("t1"), A.Transaction("t2") with { AppliedAt = earlier }, A.Transaction("t3")]);

        await Store.Transactions.MarkAppliedAsync(["t1", "t2", "t2", "nope"], A.Now);

        var stored = await Store.Transactions.GetManyAsync(["t1", "t2", "t3"]);
        Assert.Equal(A.Now, stored["t1"].AppliedAt);
        Assert.Equal(earlier, stored["t2"].AppliedAt);
        Assert.Null(stored["t3"].AppliedAt);
        JsonAssert.Equivalent(A.Transaction("t1") with { AppliedAt = A.Now }, stored["t1"]);
        Assert.Equal(["t1", "t2", "t3"], (await Store.Transactions.ListForCustomerAsync("cust-1", A.Now.AddDays(-1), A.Now.AddDays(1))).Select(t => t.Id));
    }

    [SkippableFact]
    public async Task Transactions_ListPendingCustomerIdsAsync_MixedHistory_ReturnsDistinctCustomersWithPendingBeforeTheCutOff()
    {
        Begin();
        await Store.Transactions.InsertNewAsync(
        [
            A.Transaction("t1", customerId: "c-b"),
            A.Transaction("t2", customerId: "c-b"),
            A.Transaction("t3", customerId: "c-a"),
            A.Transaction("t4", customerId: "c-d", at: A.Now.AddHours(1)),
            A.Transaction("t5", customerId: "c-c") with { AppliedAt = A.Now },
            A.Transaction("t6", customerId: "c-c0"),
            A.Transaction("t7", customerId: "c-e"),
        ]);
        await Store.Transactions.MarkAppliedAsync(["t7"], A.Now);
        var cutOff = A.Now.AddMinutes(1);

        Assert.Equal(["c-a", "c-b", "c-c0"], await Store.Transactions.ListPendingCustomerIdsAsync(cutOff, null, 10));
        Assert.Equal(["c-a", "c-b"], await Store.Transactions.ListPendingCustomerIdsAsync(cutOff, null, 2));
        Assert.Equal(["c-c0"], await Store.Transactions.ListPendingCustomerIdsAsync(cutOff, "c-b", 10));
        Assert.Equal(["c-b", "c-c0"], await Store.Transactions.ListPendingCustomerIdsAsync(cutOff, "c-a", 10));
        Assert.Equal(["c-a", "c-b", "c-c0", "c-d"], await Store.Transactions.ListPendingCustomerIdsAsync(A.Now.AddHours(2), null, 10));
        Assert.Empty(await Store.Transactions.ListPendingCustomerIdsAsync(A.Now, null, 10));
    }

    [SkippableFact]
    public async Task Transactions_ListPendingCustomerIdsAsync_AllApplied_ReturnsNothing()
    {
        Begin();
        await Store.Transactions.InsertNewAsync([A.Transaction("t1", customerId: "c1"), A.Transaction("t2", customerId: "c2")]);

        await Store.Transactions.MarkAppliedAsync(["t1", "t2"], A.Now);

        Assert.Empty(await Store.Transactions.ListPendingCustomerIdsAsync(A.Now.AddDays(1), null, 10));
    }

    [SkippableFact]
    public async Task Transactions_ListAppliedAsync_PendingAppliedMarkedAndUnknown_ReturnsOnlyTheApplied()
    {
        Begin();
        await Store.Transactions.InsertNewAsync(
            [A.Transaction("t1"), A.Transaction("t2") with { AppliedAt = A.Now.AddMinutes(-5) }, A.Transaction("t3"), A.Transaction("t4")]);
        Assert.Equal(["t2"], (await Store.Transactions.ListAppliedAsync(["t1", "t2", "t3", "t4", "nope"])).Order(StringComparer.Ordinal));

        await Store.Transactions.MarkAppliedAsync(["t3"], A.Now);

        Assert.Equal(["t2", "t3"], (await Store.Transactions.ListAppliedAsync(["t1", "t2", "t3", "t4", "nope"])).Order(StringComparer.Ordinal));
        Assert.Empty(await Store.Transactions.ListAppliedAsync(["t1", "t4"]));
    }
}
