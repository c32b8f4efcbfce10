using System.Runtime.CompilerServices;
using CreditRisk.Core.Persistence;

namespace CreditRisk.Tests.Persistence;

/// <summary>What a test needs from the server beyond plain reads and writes; a subclass may lack some.</summary>
public enum StoreCapability
{
    /// <summary>Many callers in one process racing on compare-and-swap operations (claims, versions, promotions).</summary>
    ConcurrentWriters,

    /// <summary>Counting grouped by a field (bands, alert statuses).</summary>
    GroupedCounts,

    /// <summary>Binary values of several MiB (model bytes).</summary>
    LargeBinaries,
}

/// <summary>
/// The behaviour every <see cref="ICreditRiskStore"/> adapter must show, run once per adapter by a subclass that
/// supplies a fresh, initialised, empty store for each test.
/// <para>
/// A subclass that runs against a limited server (an in-memory test stand-in, say) overrides <see cref="SkipReason"/>
/// or <see cref="SkipReasonForTest"/> to skip, with the reason, only the tests that server cannot run.
/// </para>
/// The suite is split over <c>StoreContractTests.*.cs</c>, one file per port.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private ICreditRiskStore? _store;

    protected ICreditRiskStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>A new store, already initialised and holding no data, for exactly one test.</summary>
    protected abstract Task<ICreditRiskStore> CreateEmptyStoreAsync();

    /// <summary>Releases the store of one test (drops its database, deletes its file...). Disposes it by default.</summary>
    protected virtual async Task DisposeStoreAsync(ICreditRiskStore store) => await store.DisposeAsync();

    /// <summary>Why this store cannot run tests needing <paramref name="capability"/>; null when it can.</summary>
    protected virtual string? SkipReason(StoreCapability capability) => null;

    /// <summary>Why this store cannot run the test named <paramref name="testName"/> (method name); null when it can.</summary>
    protected virtual string? SkipReasonForTest(string testName) => null;

    public async Task InitializeAsync() => _store = await CreateEmptyStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    /// <summary>Called first by every test: skips it when the subclass says this store cannot run it.</summary>
    protected void Begin(StoreCapability? needs = null, [CallerMemberName] string testName = "")
    {
        var reason = SkipReasonForTest(testName) ?? (needs is { } capability ? SkipReason(capability) : null);
        Skip.If(reason is not null, reason);
    }

    /// <summary>Runs <paramref name="action"/> from <paramref name="callers"/> thread-pool tasks released together.</summary>
    protected static async Task<T[]> RaceAsync<T>(int callers, Func<int, Task<T>> action)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, callers)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await action(i);
            }))
            .ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}
