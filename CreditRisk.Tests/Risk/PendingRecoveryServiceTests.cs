using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Risk;

public sealed class PendingRecoveryServiceTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.CreateAsync();
        await _h.AddCustomersAsync("c1", "c2");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task StartAsync_PendingFromAPreviousRun_RecoversThem()
    {
        await _h.Store.Transactions.InsertNewAsync([Purchase("t1", "c1", PipelineHarness.Start.AddMinutes(-5))]);
        using var service = Service(sweepSeconds: 0);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.Empty(await _h.Store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
        Assert.Equal(1, (await _h.Store.Profiles.GetAsync("c1"))!.TransactionCount);
    }

    [Fact]
    public async Task Sweep_PendingLeftByAFailedRunOfThisProcess_RecoveredOnceOlderThanAnInterval()
    {
        // Left by a previous run: once c2 is recovered, the start-up pass is over. Moving the clock before that would
        // let a late start-up pass (a busy machine) pick up t1 with a cut-off of its own and prove nothing about sweeps.
        await _h.Store.Transactions.InsertNewAsync([Purchase("t0", "c2", PipelineHarness.Start.AddMinutes(-5))]);
        using var service = Service(sweepSeconds: 60);
        await service.StartAsync(CancellationToken.None);
        await WaitUntilAsync(async () => await _h.Store.Profiles.GetAsync("c2") is not null);

        // Stored by this process after start-up (so not the start-up pass's business), then its pipeline run failed.
        await _h.Store.Transactions.InsertNewAsync([Purchase("t1", "c1", PipelineHarness.Start.AddSeconds(1))]);

        // The timer lives on the service's own task: move the clock until a sweep has happened.
        await WaitUntilAsync(async () =>
        {
            _h.Time.Advance(TimeSpan.FromSeconds(10));
            return await _h.Store.Profiles.GetAsync("c1") is not null;
        });
        await service.StopAsync(CancellationToken.None);

        Assert.Empty(await _h.Store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
        Assert.True(_h.Time.GetUtcNow() >= PipelineHarness.Start.AddSeconds(61));
    }

    private PendingRecoveryService Service(int sweepSeconds)
    {
        var options = Options.Create(new RiskPipelineOptions { RecoverySweepSeconds = sweepSeconds });
        var recovery = new PendingRecovery(_h.Store, _h.Pipeline, new TransactionsInFlight(), options, _h.Time, NullLogger<PendingRecovery>.Instance);
        return new PendingRecoveryService(recovery, options, _h.Time, NullLogger<PendingRecoveryService>.Instance);
    }

    /// <summary>The service works on its own task; poll for its effect (generously bounded, not a timing assertion).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500 && !await condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(await condition(), "The recovery service did not get there.");
    }

    private static Transaction Purchase(string id, string customerId, DateTimeOffset receivedAt) => new()
    {
        Id = id,
        CustomerId = customerId,
        Timestamp = PipelineHarness.Start.AddDays(-1),
        Amount = 100m,
        Type = TransactionType.Purchase,
        MerchantCategory = "5411",
        ReceivedAt = receivedAt,
    };
}
