using CreditRisk.Core.Customers;
using CreditRisk.Core.Demo;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Demo;

public sealed class DemoSeedRecoveryTests
{
    [Fact]
    public async Task SeedIfEmpty_SeedInterruptedBeforeCompletion_CompletesWithTheSameRiskAndNoSecondAlert()
    {
        // Enough customers for a model (its hold-out needs 5 delinquent rows), so the resumed seed must keep that model.
        await using var demo = new DemoHost(customers: 150);
        await demo.Store.InitializeAsync();
        var seeding = demo.Get<DemoPortfolioSeeding>();
        var first = await seeding.SeedIfEmptyAsync();
        Assert.NotNull(first);

        // A crash after the last write but before the marker said "completed": the next start finds "started".
        var marker = await DemoSeedState.ReadAsync(demo.Store.Settings, default);
        Assert.NotNull(await (marker! with { Status = DemoSeedState.Started, CompletedAt = null }).TrySaveAsync(demo.Store.Settings, DateTimeOffset.UtcNow, default));

        var resumed = await seeding.SeedIfEmptyAsync();

        Assert.NotNull(resumed);
        Assert.Equal(first.Bands, resumed.Bands);
        Assert.Equal(first.ModelVersion, resumed.ModelVersion);
        Assert.Equal(first.PendingAlerts, resumed.PendingAlerts);
        Assert.NotNull(first.ModelVersion);
        Assert.Equal(150, await demo.Store.Customers.CountAsync());
        Assert.Equal(first.Transactions, await demo.Store.Transactions.CountAsync());
        Assert.Single(await demo.Store.Models.ListAsync());
        Assert.Equal(DemoSeedState.Completed, (await DemoSeedState.ReadAsync(demo.Store.Settings, default))?.Status);
    }

    [Fact]
    public async Task SeedIfEmpty_StoreAlreadyHasCustomers_LeavesItAlone()
    {
        await using var demo = new DemoHost(customers: 60);
        await demo.Store.InitializeAsync();
        await demo.Store.Customers.UpsertManyAsync([new Customer
        {
            Id = "real-1", FullName = "Real Customer", Phone = "+15555550100", CreditLimit = 1_000m, OpenedOn = new DateOnly(2020, 1, 1),
        }]);

        var result = await demo.Get<DemoPortfolioSeeding>().SeedIfEmptyAsync();

        Assert.Null(result);
        Assert.Equal(1, await demo.Store.Customers.CountAsync());
        Assert.Null(await DemoSeedState.ReadAsync(demo.Store.Settings, default));
    }

    [Fact]
    public async Task Seeder_SeedOnFirstRunFalse_LeavesTheStoreEmpty()
    {
        await using var demo = new DemoHost(customers: 60, seedOnFirstRun: false);
        await demo.Host.StartAsync();
        var seeder = demo.Get<DemoPortfolioSeeder>();
        await seeder.ExecuteTask!;

        Assert.False(seeder.Enabled);
        Assert.Null(seeder.Result);
        Assert.Equal(0, await demo.Store.Customers.CountAsync());
    }

    [Theory]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, false)]
    public async Task Enabled_StoreKindAndSetting_OnlyEmbeddedByDefault(bool? setting, bool embedded, bool expected)
    {
        await using var demo = new DemoHost(customers: 60);
        var store = embedded ? demo.Store : new FaultyStore(demo.Store);
        var seeder = new DemoPortfolioSeeder(
            demo.Get<DemoPortfolioSeeding>(), store, Options.Create(new DemoOptions { SeedOnFirstRun = setting }), NullLogger<DemoPortfolioSeeder>.Instance);

        Assert.Equal(expected, seeder.Enabled);
    }
}
