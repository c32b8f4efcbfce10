using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Profiles_TrySaveAsync_NewProfileExpectingZero_StoresEveryFieldAtVersionOne()
    {
        Begin();
        var profile = A.Profile("c1");

        Assert.True(await Store.Profiles.TrySaveAsync(profile, 0));

        JsonAssert.Equivalent(profile with { Version = 1 }, await Store.Profiles.GetAsync("c1"));
    }

    [SkippableFact]
    public async Task Profiles_TrySaveManyAsync_NewCurrentAndStale_SavesAllButTheStaleOne()
    {
        Begin();
        await Store.Profiles.TrySaveAsync(A.Profile("current"), 0);
        await Store.Profiles.TrySaveAsync(A.Profile("stale"), 0);
        await Store.Profiles.TrySaveAsync(A.Profile("stale"), 1);
        var changed = A.Profile("current") with { TransactionCount = 99 };

        var conflicts = await Store.Profiles.TrySaveManyAsync(
        [
            new(A.Profile("new"), 0),
            new(changed, 1),
            new(A.Profile("stale") with { Cycles = [] }, 1),
            new(A.Profile("current"), 0),
        ]);

        Assert.Equal(["current", "stale"], conflicts.Order(StringComparer.Ordinal));
        JsonAssert.Equivalent(A.Profile("new") with { Version = 1 }, await Store.Profiles.GetAsync("new"));
        JsonAssert.Equivalent(changed with { Version = 2 }, await Store.Profiles.GetAsync("current"));
        JsonAssert.Equivalent(A.Profile("stale") with { Version = 2 }, await Store.Profiles.GetAsync("stale"));
    }

    [SkippableFact]
    public async Task Profiles_TrySaveAsync_NewProfileExpectingNonZero_ReturnsFalseAndStoresNothing()
    {
        Begin();

        Assert.False(await Store.Profiles.TrySaveAsync(A.Profile("c1"), 1));

        Assert.Null(await Store.Profiles.GetAsync("c1"));
    }

    [SkippableFact]
    public async Task Profiles_TrySaveAsync_CurrentVersion_SavesAndIncrementsTheVersion()
    {
        Begin();
        await Store.Profiles.TrySaveAsync(A.Profile("c1"), 0);
        var stored = (await Store.Profiles.GetAsync("c1"))!;
        var changed = stored with { Days = [], UpdatedAt = A.Now.AddHours(1) };

        Assert.True(await Store.Profiles.TrySaveAsync(changed, stored.Version));

        JsonAssert.Equivalent(changed with { Version = 2 }, await Store.Profiles.GetAsync("c1"));
    }

    [SkippableFact]
    public async Task Profiles_TrySaveAsync_StaleVersion_ReturnsFalseAndKeepsTheStoredProfile()
    {
        Begin();
        await Store.Profiles.TrySaveAsync(A.Profile("c1"), 0);
        await Store.Profiles.TrySaveAsync(A.Profile("c1") with { Cycles = [] }, 1);

        var saved = await Store.Profiles.TrySaveAsync(A.Profile("c1") with { Days = [] }, 1);

        Assert.False(saved);
        var stored = (await Store.Profiles.GetAsync("c1"))!;
        Assert.Equal(2, stored.Version);
        Assert.Empty(stored.Cycles);
        Assert.NotEmpty(stored.Days);
    }

    [SkippableFact]
    public async Task Profiles_TrySaveAsync_ConcurrentSavesFromOneVersion_ExactlyOneWins()
    {
        Begin(StoreCapability.ConcurrentWriters);
        await Store.Profiles.TrySaveAsync(A.Profile("c1"), 0);

        var results = await RaceAsync(20, i => Store.Profiles.TrySaveAsync(A.Profile("c1") with { UpdatedAt = A.Now.AddSeconds(i) }, 1));

        Assert.Single(results, saved => saved);
        Assert.Equal(2, (await Store.Profiles.GetAsync("c1"))!.Version);
    }

    [SkippableFact]
    public async Task Profiles_TrySaveAsync_ConcurrentFirstSaves_ExactlyOneWins()
    {
        Begin(StoreCapability.ConcurrentWriters);

        var results = await RaceAsync(20, i => Store.Profiles.TrySaveAsync(A.Profile("c1") with { TransactionCount = i }, 0));

        var winner = Assert.Single(Enumerable.Range(0, 20), i => results[i]);
        var stored = (await Store.Profiles.GetAsync("c1"))!;
        Assert.Equal(1, stored.Version);
        Assert.Equal(winner, stored.TransactionCount);
    }

    [SkippableFact]
    public async Task Profiles_GetAsync_UnknownCustomer_ReturnsNull()
    {
        Begin();

        Assert.Null(await Store.Profiles.GetAsync("nobody"));
    }

    [SkippableFact]
    public async Task Profiles_GetManyAsync_KnownAndUnknown_ReturnsOnlyKnownKeyedByCustomer()
    {
        Begin();
        await Store.Profiles.TrySaveAsync(A.Profile("c1"), 0);
        await Store.Profiles.TrySaveAsync(A.Profile("c2"), 0);

        var found = await Store.Profiles.GetManyAsync(["c2", "c9"]);

        Assert.Equal(["c2"], found.Keys);
        Assert.Equal("c2", found["c2"].CustomerId);
        Assert.Equal(1, found["c2"].Version);
    }
}
