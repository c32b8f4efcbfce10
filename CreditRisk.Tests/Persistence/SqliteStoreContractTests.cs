using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

/// <summary>The store contract against the embedded SQLite adapter, one temporary file per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "creditrisk-tests", Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_directory, "store.sqlite");

    protected override async Task<ICreditRiskStore> CreateEmptyStoreAsync()
    {
        var store = new SqliteCreditRiskStore(FilePath);
        await store.InitializeAsync();
        return store;
    }

    protected override async Task DisposeStoreAsync(ICreditRiskStore store)
    {
        await store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Constructor_MissingDirectory_CreatesItAndTheFile()
    {
        Assert.True(File.Exists(FilePath));
        Assert.Equal($"SQLite ({FilePath})", Store.Description);
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsTheData()
    {
        await Store.Customers.UpsertManyAsync([A.Customer("c1")]);
        await Store.DisposeAsync();

        await using var reopened = new SqliteCreditRiskStore(FilePath);
        await reopened.InitializeAsync();

        Assert.Equal("c1", (await reopened.Customers.GetAsync("c1"))?.Id);
    }

    [Fact]
    public async Task SecondOpen_WhileTheFirstIsOpen_IsRefusedWithAMessage()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new SqliteCreditRiskStore(FilePath));
        Assert.Contains("another CreditRisk process", ex.Message);
        await Task.CompletedTask;
    }
}
