using CreditRisk.Core.Audit;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Rules;

public sealed class RuleSettingsServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 11, 26, 10, 0, 0, TimeSpan.Zero));
    private readonly SettingsStub _settings = new();
    private readonly AuditStub _audit = new();
    private readonly RuleOptions _options = new() { UtilisationHighPct = 88, RefreshSeconds = 10 };

    [Fact]
    public async Task GetAsync_NothingStored_ReturnsConfiguredDefaultsAtVersionZero()
    {
        var snapshot = await Service().GetAsync();

        Assert.Equal(0, snapshot.Version);
        Assert.Equal(88, snapshot.Settings.UtilisationHighPct);
        Assert.Equal(RuleSettings.DefaultCashWithdrawalHighPct, snapshot.Settings.CashWithdrawalHighPct);
    }

    [Fact]
    public async Task UpdateAsync_ValidChange_SavesAndAuditsWhoWhenOldNew()
    {
        var service = Service();

        var result = await service.UpdateAsync(new RuleSettings { UtilisationHighPct = 85 }, 0, "alice");

        Assert.Equal(RuleSettingsUpdateStatus.Saved, result.Status);
        Assert.Equal(1, result.Current.Version);
        Assert.Equal(85, (await service.GetAsync()).Settings.UtilisationHighPct);
        var entry = Assert.Single(_audit.Entries);
        Assert.Equal("alice", entry.Actor);
        Assert.Equal(_time.GetUtcNow(), entry.At);
        Assert.Equal(RuleSettingsService.AuditAction, entry.Action);
        Assert.Contains("\"utilisationHighPct\":88", entry.OldValue);
        Assert.Contains("\"utilisationHighPct\":85", entry.NewValue);
        Assert.Equal("High utilisation, Utilisation above (%): 88% → 85%", entry.Details);
    }

    [Fact]
    public async Task UpdateAsync_OutOfRangeValues_InvalidWithFieldNamedErrorsAndNothingSaved()
    {
        var result = await Service().UpdateAsync(
            new RuleSettings { UtilisationHighPct = 0, CashWithdrawalHighPct = double.NaN, MinimumDueOnlyCycles = 12 }, 0, "alice");

        Assert.Equal(RuleSettingsUpdateStatus.Invalid, result.Status);
        Assert.Equal(
            ["CashWithdrawalHighPct", "MinimumDueOnlyCycles", "UtilisationHighPct"],
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await _settings.GetAsync(RuleSettingsService.SettingsKey));
        Assert.Empty(_audit.Entries);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ConflictWithCurrentValues()
    {
        var service = Service();
        await service.UpdateAsync(new RuleSettings { UtilisationHighPct = 85 }, 0, "alice");

        var result = await service.UpdateAsync(new RuleSettings { UtilisationHighPct = 80 }, 0, "bob");

        Assert.Equal(RuleSettingsUpdateStatus.Conflict, result.Status);
        Assert.Equal(85, result.Current.Settings.UtilisationHighPct);
        Assert.Single(_audit.Entries);
    }

    [Fact]
    public async Task UpdateAsync_SameValues_UnchangedAndNotAudited()
    {
        var result = await Service().UpdateAsync(new RuleSettings { UtilisationHighPct = 88 }, 0, "alice");

        Assert.Equal(RuleSettingsUpdateStatus.Unchanged, result.Status);
        Assert.Empty(_audit.Entries);
    }

    [Fact]
    public async Task GetCurrentAsync_ChangedByAnotherInstance_SeenAfterRefreshInterval()
    {
        var service = Service();
        Assert.Equal(88, (await service.GetCurrentAsync()).UtilisationHighPct);
        await Service().UpdateAsync(new RuleSettings { UtilisationHighPct = 70 }, 0, "bob");

        var cached = await service.GetCurrentAsync();
        _time.Advance(TimeSpan.FromSeconds(11));
        var refreshed = await service.GetCurrentAsync();

        Assert.Equal(88, cached.UtilisationHighPct);
        Assert.Equal(70, refreshed.UtilisationHighPct);
    }

    [Fact]
    public async Task GetAsync_DamagedStoredJson_FallsBackToDefaults()
    {
        await _settings.TrySaveAsync(RuleSettingsService.SettingsKey, "{\"utilisationHighPct\":-5}", 0, _time.GetUtcNow());

        var snapshot = await Service().GetAsync();

        Assert.Equal(88, snapshot.Settings.UtilisationHighPct);
        Assert.Equal(1, snapshot.Version);
    }

    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        Assert.Empty(new RuleSettings().Validate());
        Assert.Empty(RuleSettings.From(new RuleOptions()).Validate());
        Assert.Equal(new RuleSettings(), RuleSettings.From(new RuleOptions()));
    }

    private RuleSettingsService Service() =>
        new(_settings, _audit, Options.Create(_options), _time, NullLogger<RuleSettingsService>.Instance);

    private sealed class SettingsStub : ISettingsRepository
    {
        private readonly Dictionary<string, StoredSetting> _stored = [];

        public Task<StoredSetting?> GetAsync(string key, CancellationToken ct = default) =>
            Task.FromResult(_stored.GetValueOrDefault(key));

        public Task<bool> TrySaveAsync(string key, string json, long expectedVersion, DateTimeOffset at, CancellationToken ct = default)
        {
            var version = _stored.TryGetValue(key, out var current) ? current.Version : 0;
            if (version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _stored[key] = new StoredSetting(key, json, version + 1, at);
            return Task.FromResult(true);
        }
    }

    private sealed class AuditStub : IAuditLog
    {
        public List<AuditEntry> Entries { get; } = [];

        public Task AddAsync(AuditEntry entry, CancellationToken ct = default)
        {
            Entries.Add(entry);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AuditEntry>> ListAsync(string? actionPrefix, int skip, int take, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<AuditEntry>>(Entries);

        public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, int skip, int take, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<AuditEntry>>(Entries);
    }
}
