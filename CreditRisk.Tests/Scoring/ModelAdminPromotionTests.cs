using System.Security.Claims;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Tests.Support;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Scoring;

public sealed class ModelAdminPromotionTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IAsyncLifetime
{
    private readonly string _dir = TestDirectories.New();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private LiteDbCreditRiskStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new LiteDbCreditRiskStore(Path.Combine(_dir, "store.db"));
        await _store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectories.Delete(_dir);
    }

    [Fact]
    public async Task PromoteAsync_TwoAdminsAtOnce_TheAuditRecordsEachChampionReplaced()
    {
        foreach (var id in new[] { "v0", "v1", "v2" })
        {
            await _store.Models.AddAsync(ModelPackageTestData.Version(id, fixture.Trained.PackageBytes));
        }

        await _store.Models.PromoteAsync("v0", _time.GetUtcNow());
        using var provider = new ChampionModelProvider(_store.Models, _time, Options.Create(new ModelOptions()), NullLogger<ChampionModelProvider>.Instance);
        // Each listing waits until a second one starts (or a second passes): both admins read the champion they replace
        // before either promotes, unless promotions take turns.
        var registry = new ListingsMeet(_store.Models);
        using var admin = new ModelAdminService(
            registry, _store.Audit, new ModelPromotionService(_store.Models, provider, _time), provider, Options.Create(new BandingOptions()), _time);

        await Task.WhenAll(Task.Run(() => admin.PromoteAsync(Admin("ada"), "v1")), Task.Run(() => admin.PromoteAsync(Admin("bob"), "v2")));

        var champion = (await _store.Models.GetChampionAsync())!.Id;
        var entries = await _store.Audit.ListAsync(ModelAdminService.PromotedAction, 0, 10);
        var last = Assert.Single(entries, e => e.NewValue == champion);
        var first = Assert.Single(entries, e => e.NewValue != champion);
        Assert.Equal(("v0", first.NewValue), (first.OldValue, last.OldValue));
    }

    private static ClaimsPrincipal Admin(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, AppRoles.Admin)], "test"));

    /// <summary>A registry whose listings wait for one another, widening the window between reading and promoting.</summary>
    private sealed class ListingsMeet(IModelRegistry inner) : IModelRegistry
    {
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _listings;

        public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken ct = default)
        {
            if (Interlocked.Increment(ref _listings) == 2)
            {
                _second.TrySetResult();
            }

            await Task.WhenAny(_second.Task, Task.Delay(TimeSpan.FromSeconds(1), ct));
            return await inner.ListAsync(ct);
        }

        public Task AddAsync(ModelVersion version, CancellationToken ct = default) => inner.AddAsync(version, ct);

        public Task<ModelVersion?> GetAsync(string id, CancellationToken ct = default) => inner.GetAsync(id, ct);

        public Task<ModelVersion?> GetChampionAsync(CancellationToken ct = default) => inner.GetChampionAsync(ct);

        public Task<bool> PromoteAsync(string id, DateTimeOffset at, CancellationToken ct = default) => inner.PromoteAsync(id, at, ct);
    }
}
