using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Rules;
using CreditRisk.Tests.Support;
using CreditRisk.Web.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.Jobs;

public sealed class SettingsBackedJobStateTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private TemporaryStore _store = null!;

    private ISettingsRepository Settings => _store.Store.Settings;

    public async Task InitializeAsync() => _store = await TemporaryStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task ReadAsync_RetrainStateStoredByEarlierReleases_ReadsWithItsVersion()
    {
        // The JSON an earlier release stored: camel case, enum as its name.
        const string Stored = """{"requestId":"r1","status":"Succeeded","requestedBy":"admin","requestedAt":"2026-02-01T08:00:00+00:00","jobId":"7","modelVersion":"v7","rows":400,"positives":40,"auc":0.81}""";
        Assert.True(await Settings.TrySaveAsync(RetrainState.SettingsKey, Stored, 0, Now));

        var (state, version) = await RetrainState.ReadAsync(Settings, CancellationToken.None);

        Assert.Equal(1, version);
        Assert.Equal(("r1", RetrainStatus.Succeeded, "7", "v7", 400, 0.81), (state!.RequestId, state.Status, state.JobId, state.ModelVersion, state.Rows, state.Auc));
    }

    [Fact]
    public async Task TrySaveAsync_WhatIfState_WritesCamelCaseWithTheStatusName()
    {
        var state = new RulesWhatIfState
        {
            RequestId = "r2",
            Status = RulesWhatIfStatus.Cancelled,
            RequestedBy = "admin",
            RequestedAt = Now,
            Proposal = new RiskProposal(new RuleSettings { UtilisationHighPct = 95 }, null),
        };

        Assert.True(await state.TrySaveAsync(Settings, 0, Now, CancellationToken.None));

        var json = (await Settings.GetAsync(RulesWhatIfState.SettingsKey))!.Json;
        Assert.Contains("\"requestId\":\"r2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Cancelled\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("isActive", json, StringComparison.OrdinalIgnoreCase);
        Assert.False(await state.TrySaveAsync(Settings, 0, Now, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_ChangeDeclines_ReturnsNullAndStoresNothing()
    {
        var saved = await RetrainState.UpdateAsync(Settings, _ => null, _time, CancellationToken.None);

        Assert.Null(saved);
        Assert.Null(await Settings.GetAsync(RetrainState.SettingsKey));
    }

    [Fact]
    public async Task UpdateAsync_AnotherWriterSavesInBetween_AppliesTheChangeToTheNewerState()
    {
        await Queued("r3").TrySaveAsync(Settings, 0, Now, CancellationToken.None);
        var interfered = false;

        var saved = await RetrainState.UpdateAsync(
            Settings,
            s =>
            {
                if (!interfered)
                {
                    // A concurrent writer takes the version this attempt read; the update must retry on its state.
                    interfered = true;
                    Assert.True((s! with { JobId = "job-9" }).TrySaveAsync(Settings, 1, Now, CancellationToken.None).GetAwaiter().GetResult());
                }

                return s! with { Status = RetrainStatus.Running };
            },
            _time,
            CancellationToken.None);

        Assert.Equal((RetrainStatus.Running, "job-9"), (saved!.Status, saved.JobId));
        var (stored, version) = await RetrainState.ReadAsync(Settings, CancellationToken.None);
        Assert.Equal((RetrainStatus.Running, "job-9", 3L), (stored!.Status, stored.JobId, version));
    }

    [Fact]
    public async Task UpdateAsync_EveryAttemptLosesTheRace_Throws()
    {
        await Queued("r4").TrySaveAsync(Settings, 0, Now, CancellationToken.None);
        var version = 1L;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RetrainState.UpdateAsync(
            Settings,
            s =>
            {
                Assert.True(s!.TrySaveAsync(Settings, version++, Now, CancellationToken.None).GetAwaiter().GetResult());
                return s with { Status = RetrainStatus.Running };
            },
            _time,
            CancellationToken.None));

        Assert.Contains(RetrainState.SettingsKey, error.Message, StringComparison.Ordinal);
    }

    private static RetrainState Queued(string requestId) =>
        new() { RequestId = requestId, Status = RetrainStatus.Queued, RequestedBy = "admin", RequestedAt = Now };
}
