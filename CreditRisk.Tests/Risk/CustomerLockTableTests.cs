using CreditRisk.Core.Risk;

namespace CreditRisk.Tests.Risk;

public sealed class CustomerLockTableTests
{
    /// <summary>Batches of different customers must not wait for each other (striped locks made them, issue #18).</summary>
    [Fact]
    public async Task Acquire_DisjointBatchesOfManyCustomers_NeitherWaits()
    {
        var table = new CustomerLockTable();
        using var first = await table.AcquireAsync(Enumerable.Range(0, 500).Select(i => $"a-{i}"));

        var second = table.AcquireAsync(Enumerable.Range(0, 500).Select(i => $"b-{i}"));

        Assert.True(second.IsCompletedSuccessfully);
        (await second).Dispose();
    }

    [Fact]
    public async Task Acquire_SharedCustomer_WaitsUntilTheHolderReleases()
    {
        var table = new CustomerLockTable();
        var first = await table.AcquireAsync(["c1", "c2"]);

        var second = table.AcquireAsync(["c3", "c2"]);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        using var held = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, table.EntryCount);
    }

    [Fact]
    public async Task Release_AfterUseAndAfterACancelledWait_LeavesNoEntries()
    {
        var table = new CustomerLockTable();
        var first = await table.AcquireAsync(["c1", "c1", "c2"]);
        using var cancel = new CancellationTokenSource();
        var waiting = table.AcquireAsync(["c0", "c2"], cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        first.Dispose();

        Assert.Equal(0, table.EntryCount);
        using var again = await table.AcquireAsync(["c0", "c1", "c2"]).WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>Overlapping batches in every order: each customer is held by one batch at a time, and all finish.</summary>
    [Fact]
    public async Task Acquire_ManyOverlappingBatchesInAnyOrder_ExcludeEachOtherAndNeverDeadlock()
    {
        var table = new CustomerLockTable();
        var holders = new int[20];
        var random = new Random(7);
        var batches = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 5).Select(_ => random.Next(holders.Length)).ToArray()).ToArray();

        await Task.WhenAll(batches.Select(batch => Task.Run(async () =>
        {
            using var held = await table.AcquireAsync(batch.Select(c => $"c{c}"));
            foreach (var customer in batch.Distinct())
            {
                Assert.Equal(1, Interlocked.Increment(ref holders[customer]));
            }

            await Task.Yield();
            foreach (var customer in batch.Distinct())
            {
                Interlocked.Decrement(ref holders[customer]);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, table.EntryCount);
    }
}
