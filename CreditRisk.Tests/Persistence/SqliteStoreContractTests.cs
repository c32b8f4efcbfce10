using CreditRisk.Core.Persistence;
using CreditRisk.Core.Persistence.Sqlite;

namespace CreditRisk.Tests.Persistence;

/// <summary>The store contract against the embedded SQLite adapter, one temporary file per test.</summary>
public sealed class SqliteStoreContractTests : EmbeddedStoreContractTests
{
    protected override string FileName => "store.sqlite";

    protected override string EngineName => "SQLite";

    protected override ICreditRiskStore Open(string path) => new SqliteCreditRiskStore(path);

    [Fact]
    public void SecondOpen_WhileTheFirstIsOpen_IsRefusedWithAMessage()
    {
        var ex = Assert.Throws<StoreInUseException>(() => new SqliteCreditRiskStore(FilePath));
        Assert.Contains("another CreditRisk process", ex.Message);
    }
}
