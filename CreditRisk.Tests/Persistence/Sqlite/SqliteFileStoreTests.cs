using CreditRisk.Core.Persistence.Sqlite;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence.Sqlite;

/// <summary>A SQLite store on a file of its own in a temporary folder, opened before each test and deleted after it.</summary>
public abstract class SqliteFileStoreTests : IAsyncLifetime
{
    private readonly string _directory = TestDirectories.New();

    protected SqliteCreditRiskStore Store { get; private set; } = null!;

    protected string FilePath => Path.Combine(_directory, "store.sqlite");

    public async Task InitializeAsync() => Store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        TestDirectories.Delete(_directory);
    }

    /// <summary>Closes the store and opens the file again: nothing may come from the old instance's memory.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync();
    }

    private async Task<SqliteCreditRiskStore> OpenAsync()
    {
        var store = new SqliteCreditRiskStore(FilePath);
        await store.InitializeAsync();
        return store;
    }
}
