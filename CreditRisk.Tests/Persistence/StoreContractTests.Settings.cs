using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    private const string RulesJson = """{"utilisationHighPct":90,"cashWithdrawalHighPct":40,"names":["a","b"]}""";

    [SkippableFact]
    public async Task Settings_GetAsync_UnknownKey_ReturnsNull()
    {
        Begin();

        Assert.Null(await Store.Settings.GetAsync("rules"));
    }

    [SkippableFact]
    public async Task Settings_TrySaveAsync_NewKeyExpectingZero_StoresVersionOne()
    {
        Begin();

        Assert.True(await Store.Settings.TrySaveAsync("rules", RulesJson, 0, A.Now));

        Assert.Equal(new StoredSetting("rules", RulesJson, 1, A.Now), await Store.Settings.GetAsync("rules"));
    }

    [SkippableFact]
    public async Task Settings_TrySaveAsync_CurrentVersion_ReplacesAndIncrements()
    {
        Begin();
        await Store.Settings.TrySaveAsync("rules", RulesJson, 0, A.Now);

        Assert.True(await Store.Settings.TrySaveAsync("rules", "{}", 1, A.Now.AddHours(1)));

        Assert.Equal(new StoredSetting("rules", "{}", 2, A.Now.AddHours(1)), await Store.Settings.GetAsync("rules"));
    }

    [SkippableFact]
    public async Task Settings_TrySaveAsync_StaleOrMissingVersion_ReturnsFalseAndChangesNothing()
    {
        Begin();
        await Store.Settings.TrySaveAsync("rules", RulesJson, 0, A.Now);
        await Store.Settings.TrySaveAsync("rules", "{}", 1, A.Now.AddHours(1));

        Assert.False(await Store.Settings.TrySaveAsync("rules", "[]", 1, A.Now.AddHours(2)));
        Assert.False(await Store.Settings.TrySaveAsync("rules", "[]", 0, A.Now.AddHours(2)));
        Assert.False(await Store.Settings.TrySaveAsync("other", "[]", 3, A.Now.AddHours(2)));

        Assert.Equal(new StoredSetting("rules", "{}", 2, A.Now.AddHours(1)), await Store.Settings.GetAsync("rules"));
        Assert.Null(await Store.Settings.GetAsync("other"));
    }

    [SkippableFact]
    public async Task Settings_TrySaveAsync_ConcurrentFirstSaves_ExactlyOneWins()
    {
        Begin(StoreCapability.ConcurrentWriters);

        var results = await RaceAsync(20, i => Store.Settings.TrySaveAsync("rules", $"{{\"n\":{i}}}", 0, A.Now));

        var winner = Assert.Single(Enumerable.Range(0, 20), i => results[i]);
        Assert.Equal($"{{\"n\":{winner}}}", (await Store.Settings.GetAsync("rules"))!.Json);
    }
}
