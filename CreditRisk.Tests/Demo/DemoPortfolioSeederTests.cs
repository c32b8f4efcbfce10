using CreditRisk.Core.Alerts;
using CreditRisk.Core.Demo;
using CreditRisk.Core.Risk;

namespace CreditRisk.Tests.Demo;

/// <summary>A 200 × 12 demo portfolio seeded once by the hosted service, as on an app's first start.</summary>
public sealed class SeededDemoFixture : IAsyncLifetime
{
    internal DemoHost Demo { get; } = new(customers: 200);

    public DemoSeedResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Demo.Host.StartAsync();
        var seeder = Demo.Get<DemoPortfolioSeeder>();
        await seeder.ExecuteTask!;
        Result = seeder.Result ?? throw new InvalidOperationException("The seeder seeded nothing.");
    }

    public Task DisposeAsync() => Demo.DisposeAsync().AsTask();
}

public sealed class DemoPortfolioSeederTests(SeededDemoFixture fixture) : IClassFixture<SeededDemoFixture>
{
    [Fact]
    public async Task Seeder_EmptyEmbeddedStore_StoresEveryCustomerAndTheirHistory()
    {
        var store = fixture.Demo.Store;
        Assert.Equal(200, fixture.Result.Customers);
        Assert.Equal(200, await store.Customers.CountAsync());
        Assert.Equal(fixture.Result.Transactions, await store.Transactions.CountAsync());
        Assert.Equal(fixture.Result.Statements, await store.Statements.CountAsync());
        Assert.True(fixture.Result.Transactions > 200 * 12 * 5, $"{fixture.Result.Transactions} transactions");

        // Everything stored was applied: nothing left for the recovery sweep to rebuild after the seed.
        Assert.Empty(await store.Transactions.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
        Assert.Empty(await store.Statements.ListPendingCustomerIdsAsync(DateTimeOffset.MaxValue, null, 10));
    }

    [Fact]
    public async Task Seeder_EmptyEmbeddedStore_PromotesAModelTrainedOnTheDemo()
    {
        var champion = await fixture.Demo.Store.Models.GetChampionAsync();

        Assert.NotNull(champion);
        Assert.Equal(fixture.Result.ModelVersion, champion.Id);
        Assert.Equal(DemoPortfolioSeeding.Actor, champion.CreatedBy);
        Assert.StartsWith("demo simulation", champion.TrainingSummary["source"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeder_EmptyEmbeddedStore_AssessesEveryoneWithTheChampionAtThePeriodEnd()
    {
        var store = fixture.Demo.Store;
        var ids = await store.Customers.ListIdsAsync(null, 1_000);
        var current = await store.Assessments.GetCurrentManyAsync(ids);

        Assert.Equal(200, current.Count);
        Assert.All(current.Values, risk =>
        {
            Assert.Equal(fixture.Result.ModelVersion, risk.ModelVersion);
            Assert.Equal(fixture.Result.AssessedAt, risk.AssessedAt);
        });
        var bands = await store.Assessments.CountByBandAsync();
        Assert.Equal(200, bands.Values.Sum());
        Assert.Equal(fixture.Result.Bands[RiskBand.High], bands[RiskBand.High]);
    }

    [Fact]
    public async Task Seeder_EmptyEmbeddedStore_SomeHighCustomersEachWithOneAlert()
    {
        var store = fixture.Demo.Store;
        var high = await store.Assessments.QueryCurrentAsync(RiskBand.High, 0, 0, 1_000);

        Assert.NotEmpty(high);
        Assert.True(fixture.Result.Bands[RiskBand.Low] > 0, "some Low");
        Assert.True(high.Count < 200, "not everyone High");
        Assert.Equal((await store.Alerts.CountByStatusAsync()).GetValueOrDefault(AlertStatus.Pending), fixture.Result.PendingAlerts);
        foreach (var risk in high)
        {
            // The replayed month may hold an earlier escalation too (High, back below, High again: an alert each); the
            // current one has exactly one. The demo sent part of them (suppressed without opt-in) and recorded statuses.
            var alerts = await store.Alerts.ListForCustomerAsync(risk.CustomerId, 10);
            // A High customer's basis is the state they escalated from, which keys that escalation's alert.
            var current = Assert.Single(alerts, a => a.EscalationKey == EscalationKeys.For(risk.CustomerId, risk.EscalationBasis, RiskBand.High));
            Assert.Contains(current.Status, new[] { AlertStatus.Pending, AlertStatus.Sent, AlertStatus.Delivered, AlertStatus.Read, AlertStatus.Suppressed });
            Assert.All(alerts, a => Assert.Equal(RiskPipeline.AlertActor, a.TriggeredBy));
            Assert.Equal(alerts.Count, alerts.Select(a => a.EscalationKey).Distinct().Count());
        }
    }

    [Fact]
    public async Task SeedIfEmpty_AfterACompletedSeed_DoesNothing()
    {
        var store = fixture.Demo.Store;
        var marker = await DemoSeedState.ReadAsync(store.Settings, default);

        var again = await fixture.Demo.Get<DemoPortfolioSeeding>().SeedIfEmptyAsync();

        Assert.Equal(DemoSeedState.Completed, marker?.Status);
        Assert.Equal(fixture.Result.ModelVersion, marker?.ModelVersion);
        Assert.Null(again);
        Assert.Equal(200, await store.Customers.CountAsync());
        Assert.Single(await store.Models.ListAsync());
    }
}
