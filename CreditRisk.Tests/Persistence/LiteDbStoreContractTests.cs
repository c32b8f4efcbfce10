using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Persistence;

/// <summary>The store contract against the embedded LiteDB adapter, one temporary file per test.</summary>
public sealed class LiteDbStoreContractTests : StoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "creditrisk-tests", Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_directory, "store.db");

    protected override async Task<ICreditRiskStore> CreateEmptyStoreAsync()
    {
        var store = new LiteDbCreditRiskStore(FilePath);
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
        Assert.Equal($"LiteDB ({FilePath})", Store.Description);
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsTheData()
    {
        await Store.Customers.UpsertManyAsync([A.Customer("c1")]);
        await Store.Transactions.InsertNewAsync([A.Transaction("t1", "c1")]);
        await Store.DisposeAsync();

        await using var reopened = new LiteDbCreditRiskStore(FilePath);
        await reopened.InitializeAsync();

        Assert.Equal("c1", (await reopened.Customers.GetAsync("c1"))?.Id);
        Assert.Empty(await reopened.Transactions.InsertNewAsync([A.Transaction("t1", "c1")]));
    }
}
