using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task InitializeAsync_CalledAgain_KeepsDataAndSucceeds()
    {
        Begin();
        await Store.Customers.UpsertManyAsync([A.Customer("c1")]);

        await Store.InitializeAsync();

        Assert.Equal(1, await Store.Customers.CountAsync());
    }

    [SkippableFact]
    public async Task PingAsync_OpenStore_Succeeds()
    {
        Begin();

        var exception = await Record.ExceptionAsync(() => Store.PingAsync());

        Assert.Null(exception);
    }

    [SkippableFact]
    public void Description_OpenStore_IsNotEmpty()
    {
        Begin();

        Assert.False(string.IsNullOrWhiteSpace(Store.Description));
    }

    [SkippableFact]
    public async Task Methods_CancelledToken_ThrowAndWriteNothing()
    {
        Begin();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Customers.UpsertManyAsync([A.Customer("c1")], cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Transactions.InsertNewAsync([A.Transaction("t1")], cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Customers.GetAsync("c1", cts.Token));

        Assert.Equal(0, await Store.Customers.CountAsync());
        Assert.Equal(0, await Store.Transactions.CountAsync());
    }

    [SkippableFact]
    public async Task Timestamps_NonUtcOffset_ComeBackAsTheSameInstantInUtc()
    {
        Begin();
        var local = new DateTimeOffset(2026, 3, 2, 15, 45, 30, 123, TimeSpan.FromHours(5.5));
        await Store.Customers.UpsertManyAsync([A.Customer("c1") with { CreatedAt = local }]);

        var stored = await Store.Customers.GetAsync("c1");

        Assert.Equal(local.UtcDateTime, stored!.CreatedAt.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }

    [SkippableFact]
    public async Task Timestamps_SubMillisecondPart_AreKeptToTheMillisecond()
    {
        Begin();
        var precise = A.Now.AddTicks(9_999);
        await Store.Customers.UpsertManyAsync([A.Customer("c1") with { CreatedAt = precise }]);

        var stored = await Store.Customers.GetAsync("c1");

        Assert.Equal(A.Now, stored!.CreatedAt);
    }
}
