using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Scoring;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Scoring;

public sealed class ChampionModelProviderTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IAsyncLifetime
{
    private readonly string _dir = TestDirectories.New();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private ICreditRiskStore _store = null!;
    private ChampionModelProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _store = new LiteDbCreditRiskStore(Path.Combine(_dir, "store.db"));
        await _store.InitializeAsync();
        _provider = new ChampionModelProvider(
            _store.Models, _time, Options.Create(new ModelOptions { ChampionCheckSeconds = 30 }), NullLogger<ChampionModelProvider>.Instance);
    }

    public async Task DisposeAsync()
    {
        _provider.Dispose();
        await _store.DisposeAsync();
        TestDirectories.Delete(_dir);
    }

    [Fact]
    public async Task GetChampion_NoneRegistered_IsNull()
    {
        Assert.Null(await _provider.GetChampionAsync());
    }

    [Fact]
    public async Task GetChampion_PromotedElsewhere_PickedUpAfterTheCheckIntervalWithoutRestart()
    {
        await AddAsync("v1");
        await AddAsync("v2");
        await _store.Models.PromoteAsync("v1", _time.GetUtcNow());
        Assert.Equal("v1", (await _provider.GetChampionAsync())!.Version);

        // Another process (the admin UI, the CLI) promotes v2 straight in the registry.
        await _store.Models.PromoteAsync("v2", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(29));
        var cached = await _provider.GetChampionAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        var fresh = await _provider.GetChampionAsync();

        Assert.Equal("v1", cached!.Version);
        Assert.Equal("v2", fresh!.Version);
    }

    [Fact]
    public async Task PromoteAsync_ThroughThePromotionService_ChangesTheChampionAtOnce()
    {
        await AddAsync("v1");
        await AddAsync("v2");
        var promotion = new ModelPromotionService(_store.Models, _provider, _time);
        await promotion.PromoteAsync("v1");
        var before = await _provider.GetChampionAsync();

        await promotion.PromoteAsync("v2");
        var after = await _provider.GetChampionAsync();

        Assert.Equal("v1", before!.Version);
        Assert.Equal("v2", after!.Version);
        Assert.Equal(_time.GetUtcNow(), (await _store.Models.GetChampionAsync())!.PromotedAt);
    }

    [Fact]
    public async Task GetChampion_CachedBetweenChecks_ReturnsTheSameInstance()
    {
        await AddAsync("v1");
        await _store.Models.PromoteAsync("v1", _time.GetUtcNow());

        var first = await _provider.GetChampionAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await _provider.GetChampionAsync();

        Assert.Same(first, second); // same champion after a check: not reloaded
    }

    [Fact]
    public async Task GetChampion_IncompatibleChampionPromoted_IsRefusedAndThePreviousModelStays()
    {
        await AddAsync("v1");
        await _store.Models.AddAsync(ModelPackageTestData.Version("v-bad", fixture.Trained.PackageBytes, [.. FeatureNames.Ordered.Skip(1)]));
        await _store.Models.PromoteAsync("v1", _time.GetUtcNow());
        await _provider.GetChampionAsync();

        await _store.Models.PromoteAsync("v-bad", _time.GetUtcNow());
        await _provider.RefreshAsync();

        Assert.Equal("v1", (await _provider.GetChampionAsync())!.Version);
        Assert.Equal("v-bad", _provider.SeenChampionId);
    }

    [Fact]
    public async Task GetChampion_DamagedChampionPromotedElsewhere_IsRefusedAndThePreviousModelStays()
    {
        await AddAsync("v1");
        await _store.Models.AddAsync(ModelPackageTestData.Version(
            "v-damaged", ModelPackageTestData.WithLayoutNarrowerThanTheModel(fixture.Trained.PackageBytes)));
        await _store.Models.PromoteAsync("v1", _time.GetUtcNow());
        await _provider.GetChampionAsync();

        await _store.Models.PromoteAsync("v-damaged", _time.GetUtcNow());
        await _provider.RefreshAsync();

        Assert.Equal("v1", (await _provider.GetChampionAsync())!.Version);
        Assert.Equal("v-damaged", _provider.SeenChampionId);
    }

    [Fact]
    public async Task PromoteAsync_DamagedPackage_IsRefusedAndTheChampionUnchanged()
    {
        await AddAsync("v1");
        await _store.Models.AddAsync(ModelPackageTestData.Version(
            "v-damaged", ModelPackageTestData.WithLayoutNarrowerThanTheModel(fixture.Trained.PackageBytes)));
        var promotion = new ModelPromotionService(_store.Models, _provider, _time);
        await promotion.PromoteAsync("v1");

        await Assert.ThrowsAsync<ModelIncompatibleException>(() => promotion.PromoteAsync("v-damaged"));

        Assert.Equal("v1", (await _store.Models.GetChampionAsync())!.Id);
    }

    [Fact]
    public async Task PromoteAsync_IncompatibleVersion_IsRefusedAndTheChampionUnchanged()
    {
        await AddAsync("v1");
        await _store.Models.AddAsync(ModelPackageTestData.Version("v-bad", fixture.Trained.PackageBytes, ["purchase_count_30d"]));
        var promotion = new ModelPromotionService(_store.Models, _provider, _time);
        await promotion.PromoteAsync("v1");

        await Assert.ThrowsAsync<ModelIncompatibleException>(() => promotion.PromoteAsync("v-bad"));

        Assert.Equal("v1", (await _store.Models.GetChampionAsync())!.Id);
        Assert.Equal("v1", (await _provider.GetChampionAsync())!.Version);
    }

    [Fact]
    public async Task PromoteAsync_ProviderRefreshFails_ThePromotionStandsAndIsReportedDone()
    {
        await AddAsync("v1");
        var promotion = new ModelPromotionService(_store.Models, new FailingRefreshProvider(), _time);

        await promotion.PromoteAsync("v1");

        Assert.Equal("v1", (await _store.Models.GetChampionAsync())!.Id);
    }

    /// <summary>A provider whose registry read fails, as when the store is unreachable for a moment.</summary>
    private sealed class FailingRefreshProvider : IChampionModelProvider
    {
        public ValueTask<IRiskModel?> GetChampionAsync(CancellationToken ct = default) => ValueTask.FromResult<IRiskModel?>(null);

        public Task RefreshAsync(CancellationToken ct = default) => throw new IOException("store unreachable");
    }

    [Fact]
    public async Task PromoteAsync_UnknownVersion_Throws()
    {
        var promotion = new ModelPromotionService(_store.Models, _provider, _time);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => promotion.PromoteAsync("nope"));
    }

    private Task AddAsync(string id) => _store.Models.AddAsync(ModelPackageTestData.Version(id, fixture.Trained.PackageBytes));
}
