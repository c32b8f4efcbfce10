using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence;

/// <summary>
/// The store contract against an embedded (one-file) adapter, one temporary file per test, plus what only a file
/// store has: it creates its folder, and its data survives closing and reopening.
/// </summary>
public abstract partial class EmbeddedStoreContractTests : StoreContractTests
{
    private readonly string _directory = TestDirectories.New();

    protected string FilePath => Path.Combine(_directory, FileName);

    /// <summary>The store file's name, e.g. <c>store.sqlite</c>.</summary>
    protected abstract string FileName { get; }

    /// <summary>The engine's name as <see cref="ICreditRiskStore.Description"/> starts, e.g. <c>SQLite</c>.</summary>
    protected abstract string EngineName { get; }

    /// <summary>Opens (creating if missing) the adapter's store at <paramref name="path"/>.</summary>
    protected abstract ICreditRiskStore Open(string path);

    protected override async Task<ICreditRiskStore> CreateEmptyStoreAsync()
    {
        var store = Open(FilePath);
        await store.InitializeAsync();
        return store;
    }

    protected override async Task DisposeStoreAsync(ICreditRiskStore store)
    {
        await store.DisposeAsync();
        TestDirectories.Delete(_directory);
    }

    [Fact]
    public void Constructor_MissingDirectory_CreatesItAndTheFile()
    {
        Assert.True(File.Exists(FilePath));
        Assert.Equal($"{EngineName} ({FilePath})", Store.Description);
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsTheData()
    {
        await Store.Customers.UpsertManyAsync([A.Customer("c1")]);
        await Store.Transactions.InsertNewAsync([A.Transaction("t1", "c1")]);
        await Store.DisposeAsync();

        await using var reopened = Open(FilePath);
        await reopened.InitializeAsync();

        Assert.Equal("c1", (await reopened.Customers.GetAsync("c1"))?.Id);
        Assert.Empty(await reopened.Transactions.InsertNewAsync([A.Transaction("t1", "c1")]));
    }
}
